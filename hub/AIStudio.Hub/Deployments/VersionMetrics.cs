namespace AIStudio.Hub.Deployments;

/// <summary>
/// Requests to one version (or the refusals of a deployment, under version "none") since the hub started: counts by
/// status, a latency histogram with fixed buckets (for Prometheus) and a bounded uniform reservoir of latencies (Vitter's
/// algorithm R, <see cref="ReservoirSize"/> samples) for the percentiles. Thread-safe.
/// </summary>
public sealed class VersionMetrics
{
    public const int ReservoirSize = 4096;

    /// <summary>Upper bounds of the latency histogram, in seconds.</summary>
    public static IReadOnlyList<double> Buckets { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, long> _byStatus = [];
    private readonly long[] _buckets = new long[Buckets.Count];
    private readonly double[] _reservoir = new double[ReservoirSize];
    private long _count;
    private double _sumSeconds;

    public void Record(int status, double milliseconds)
    {
        var seconds = milliseconds / 1000;
        lock (_lock)
        {
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            for (var i = 0; i < _buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    _buckets[i]++;
                    break;
                }
            }

            _sumSeconds += seconds;
            if (_count < ReservoirSize)
            {
                _reservoir[_count] = milliseconds;
            }
            else if (Random.Shared.NextInt64(_count + 1) is var slot && slot < ReservoirSize)
            {
                _reservoir[slot] = milliseconds;
            }

            _count++;
        }
    }

    public Snapshot Read()
    {
        lock (_lock)
        {
            var samples = _reservoir.AsSpan(0, (int)Math.Min(_count, ReservoirSize)).ToArray();
            Array.Sort(samples);
            return new Snapshot(
                _count,
                _byStatus.Where(s => s.Key >= 400).Sum(s => s.Value),
                new SortedDictionary<int, long>(_byStatus),
                [.. _buckets],
                _sumSeconds,
                Percentile(samples, 0.50),
                Percentile(samples, 0.95),
                Percentile(samples, 0.99));
        }
    }

    /// <summary>The nearest-rank percentile of sorted samples; 0 when there are none.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 3);
    }

    /// <summary>The counts at one moment: requests, errors (status ≥ 400), by status, histogram buckets (not cumulative), latency percentiles in ms.</summary>
    public sealed record Snapshot(long Requests, long Errors, SortedDictionary<int, long> ByStatus, long[] Buckets, double SumSeconds, double P50, double P95, double P99);
}
