using System.Globalization;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Display;

/// <summary>Computes <see cref="ColumnSummary"/> rows for a <see cref="DataFrame"/> in one pass per column.</summary>
public static class FrameStatistics
{
    public static IReadOnlyList<ColumnSummary> Summarize(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Columns.Select(Summarize).ToList();
    }

    public static string TypeName(DataFrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var type = column.DataType;
        return type == typeof(double) ? "double"
            : type == typeof(float) ? "float"
            : type == typeof(int) ? "int"
            : type == typeof(long) ? "long"
            : type == typeof(bool) ? "bool"
            : type == typeof(string) ? "string"
            : type == typeof(DateTime) ? "DateTime"
            : type.Name;
    }

    private static ColumnSummary Summarize(DataFrameColumn column)
    {
        var nulls = column.NullCount;
        var count = column.Length - nulls;
        if (column.IsNumericColumn() && column.DataType != typeof(bool))
        {
            // Welford's running mean and variance: one pass, numerically stable.
            double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            long n = 0;
            for (long i = 0; i < column.Length; i++)
            {
                if (column[i] is not { } value)
                {
                    continue;
                }

                var x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                n++;
                var delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }

            return n == 0
                ? new ColumnSummary(column.Name, TypeName(column), 0, nulls, null, null, null, null, null, null, null)
                : new ColumnSummary(column.Name, TypeName(column), n, nulls, mean, n > 1 ? Math.Sqrt(m2 / (n - 1)) : null, min, max, null, null, null);
        }

        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < column.Length; i++)
        {
            if (column[i] is { } value)
            {
                var key = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                frequencies[key] = frequencies.GetValueOrDefault(key) + 1;
            }
        }

        var top = frequencies.Count == 0 ? default : frequencies.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First();
        return new ColumnSummary(column.Name, TypeName(column), count, nulls, null, null, null, null, frequencies.Count,
            frequencies.Count == 0 ? null : top.Key, frequencies.Count == 0 ? null : top.Value);
    }
}
