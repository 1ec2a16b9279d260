using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Analysis;

/// <summary>Validation and cleaning helpers for a <see cref="DataFrame"/>: missing values, outliers, a seeded train/test split.</summary>
public static class DataChecks
{
    /// <summary>Missing (null) values per column, in column order.</summary>
    public static IReadOnlyList<MissingValues> MissingValues(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Columns.Select(c => new MissingValues(c.Name, c.NullCount, c.Length)).ToList();
    }

    /// <summary>IQR-rule outliers of every numeric column (quartiles by linear interpolation, as numpy's default).</summary>
    public static IReadOnlyList<OutlierReport> Outliers(DataFrame frame, double k = 1.5)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var reports = new List<OutlierReport>();
        foreach (var column in frame.Columns.Where(c => c.IsNumericColumn()))
        {
            var values = new List<(long Row, double Value)>();
            for (long r = 0; r < column.Length; r++)
            {
                if (column[r] is { } v)
                {
                    values.Add((r, Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            if (values.Count == 0)
            {
                continue;
            }

            var sorted = values.Select(v => v.Value).Order().ToArray();
            var q1 = Quantile(sorted, 0.25);
            var q3 = Quantile(sorted, 0.75);
            var iqr = q3 - q1;
            var low = q1 - (k * iqr);
            var high = q3 + (k * iqr);
            var rows = values.Where(v => v.Value < low || v.Value > high).Select(v => v.Row).ToList();
            reports.Add(new OutlierReport(column.Name, q1, q3, low, high, rows));
        }

        return reports;
    }

    /// <summary>
    /// Splits the rows at random into a training and a test frame: the same seed gives the same split, every row lands in
    /// exactly one of them, and the test frame has round(rows × testFraction) rows.
    /// </summary>
    public static (DataFrame Train, DataFrame Test) TrainTestSplit(DataFrame frame, double testFraction = 0.2, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (testFraction is <= 0 or >= 1 || double.IsNaN(testFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be between 0 and 1 (exclusive), e.g. 0.2.");
        }

        var rows = frame.Rows.Count;
        var order = new long[rows];
        for (long i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        // Our own seeded Random: Random.Shared or a seedless one would not repeat, and the algorithm behind a seeded
        // Random is fixed for a given seed, so the split repeats across runs.
        new Random(seed).Shuffle(order);
        var testCount = (long)Math.Round(rows * testFraction, MidpointRounding.AwayFromZero);
        var test = order.Take((int)testCount).Order().ToArray();
        var train = order.Skip((int)testCount).Order().ToArray();
        return (frame[new PrimitiveDataFrameColumn<long>("rows", train)], frame[new PrimitiveDataFrameColumn<long>("rows", test)]);
    }

    internal static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
