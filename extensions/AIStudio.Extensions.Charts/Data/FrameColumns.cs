using System.Globalization;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Charts.Data;

/// <summary>Reads DataFrame columns as plot values: numbers as double, dates as dates, everything else as invariant text.</summary>
internal static class FrameColumns
{
    public static DataFrameColumn Find(DataFrame frame, string column, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(column, parameterName);
        var index = frame.Columns.IndexOf(column);
        return index >= 0
            ? frame.Columns[index]
            : throw new MissingColumnException(column, frame.Columns.Select(c => c.Name).ToList(), parameterName);
    }

    public static bool IsNumeric(DataFrameColumn column) => IsNumericType(column.DataType);

    /// <summary>The value at a row as plotly should see it; null for nulls and NaN (plotly draws nothing for them either).</summary>
    public static IConvertible? Value(DataFrameColumn column, long row) => Convert(column[row]);

    /// <summary>The value at a row as a number; null for nulls and NaN.</summary>
    public static double? Number(DataFrameColumn column, long row) =>
        Convert(column[row]) is double d ? d : null;

    /// <summary>The value at a row as a category name; null for nulls.</summary>
    public static string? Text(DataFrameColumn column, long row) => Convert(column[row]) switch
    {
        null => null,
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        var v => v.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A numeric column's values with nulls and NaN left out, or an error that says the column is not numeric.</summary>
    public static List<double> Numbers(DataFrame frame, string column, string parameterName, string chart)
    {
        var found = Find(frame, column, parameterName);
        if (!IsNumeric(found))
        {
            throw new ArgumentException(
                $"A {chart} needs a numeric column; '{column}' holds {found.DataType.Name} values.", parameterName);
        }

        var values = new List<double>((int)Math.Min(found.Length, int.MaxValue));
        for (long r = 0; r < found.Length; r++)
        {
            if (Number(found, r) is { } v)
            {
                values.Add(v);
            }
        }

        return values;
    }

    private static IConvertible? Convert(object? value) => value switch
    {
        null => null,
        double d => double.IsNaN(d) ? null : d,
        float f => float.IsNaN(f) ? null : (double)f,
        string s => s,
        DateTime t => t,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        _ when IsNumericType(value.GetType()) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool IsNumericType(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(Half) ||
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) ||
        type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte);
}
