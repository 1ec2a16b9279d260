/// <summary>Percentiles of sorted latencies, interpolated between ranks.</summary>
internal static class Stats
{
    public static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var k = (sorted.Count - 1) * p / 100.0;
        var lo = (int)k;
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (k - lo));
    }
}
