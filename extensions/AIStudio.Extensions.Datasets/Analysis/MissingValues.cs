namespace AIStudio.Extensions.Datasets.Analysis;

/// <summary>How many values of one column are missing (null).</summary>
public sealed record MissingValues(string Column, long Missing, long Rows)
{
    public double Fraction => Rows == 0 ? 0 : (double)Missing / Rows;
}
