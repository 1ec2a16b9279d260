namespace AIStudio.Extensions.Charts.Data;

/// <summary>
/// Equal-width bins over [min, max] with the last bin closed, as numpy.histogram counts them. Counting here (rather than
/// sending raw values with plotly's nbinsx, which is only an upper bound) gives the same bars in every front-end and keeps
/// the figure small for large frames.
/// </summary>
internal sealed record HistogramBins(double Start, double Width, IReadOnlyList<int> Counts)
{
    public IEnumerable<double> Centers => Counts.Select((_, i) => Start + ((i + 0.5) * Width));

    public static HistogramBins Count(IReadOnlyList<double> values, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var counts = new int[bins];
        if (values.Count == 0)
        {
            return new HistogramBins(0, 1, counts);
        }

        var min = values.Min();
        var max = values.Max();
        if (min == max)
        {
            // numpy's choice for a single value: a unit-wide range around it.
            min -= 0.5;
            max += 0.5;
        }

        var width = (max - min) / bins;
        foreach (var v in values)
        {
            var i = (int)((v - min) / width);
            counts[Math.Clamp(i, 0, bins - 1)]++;
        }

        return new HistogramBins(min, width, counts);
    }
}
