namespace AIStudio.Extensions.Datasets.Analysis;

/// <summary>
/// Outliers of one numeric column by the IQR rule: values below <see cref="LowerFence"/> = Q1 − k·IQR or above
/// <see cref="UpperFence"/> = Q3 + k·IQR (k = 1.5 by default, Tukey's fences).
/// </summary>
public sealed record OutlierReport(string Column, double Q1, double Q3, double LowerFence, double UpperFence, IReadOnlyList<long> RowIndices)
{
    public int Count => RowIndices.Count;
}
