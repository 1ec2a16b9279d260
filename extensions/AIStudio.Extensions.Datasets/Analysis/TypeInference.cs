using System.Globalization;
using System.Text;
using AIStudio.Extensions.Datasets.Frames;

namespace AIStudio.Extensions.Datasets.Analysis;

/// <summary>Infers column types from the text of a CSV file and reports columns that are almost, but not quite, numeric.</summary>
public static class TypeInference
{
    /// <summary>The narrowest type that every non-missing value parses as: bool, int, long, double, else string.</summary>
    public static string InferType(IEnumerable<string> values, string missingValue = "NA")
    {
        ArgumentNullException.ThrowIfNull(values);
        bool allBool = true, allInt = true, allLong = true, allDouble = true, any = false;
        foreach (var v in values)
        {
            if (CsvFrameReader.IsMissing(v, missingValue))
            {
                continue;
            }

            any = true;
            allBool &= TryParseBool(v, out _);
            allInt &= int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            allLong &= long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            allDouble &= double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            if (!allBool && !allLong && !allDouble)
            {
                return ColumnType.String;
            }
        }

        return !any ? ColumnType.String
            : allBool ? ColumnType.Bool
            : allInt ? ColumnType.Int
            : allLong ? ColumnType.Long
            : allDouble ? ColumnType.Double
            : ColumnType.String;
    }

    /// <summary>One row per column of the CSV file: the inferred type, missing values, and text that spoils a numeric column.</summary>
    public static async Task<IReadOnlyList<ColumnTypeReport>> ReportAsync(string csvPath, string missingValue = "NA", CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(csvPath, cancellationToken).ConfigureAwait(false);
        return Report(bytes, missingValue);
    }

    /// <inheritdoc cref="ReportAsync"/>
    public static IReadOnlyList<ColumnTypeReport> Report(string csvPath, string missingValue = "NA") => Report(File.ReadAllBytes(csvPath), missingValue);

    internal static IReadOnlyList<ColumnTypeReport> Report(byte[] csv, string missingValue)
    {
        using var reader = new StreamReader(new MemoryStream(csv), Encoding.UTF8);
        var records = CsvParser.Records(reader).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0];
        var rows = records.Skip(1).Where(r => r.Length == header.Length).ToList();
        var reports = new List<ColumnTypeReport>(header.Length);
        for (var c = 0; c < header.Length; c++)
        {
            var values = rows.Select(r => r[c]).ToList();
            var present = values.Where(v => !CsvFrameReader.IsMissing(v, missingValue)).ToList();
            var type = InferType(values, missingValue);
            var notNumbers = present.Where(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
            string? note = null;
            // Mostly numbers with a few exceptions is usually a data-entry problem (a stray "n/a", "?", a unit), not text.
            if (type == ColumnType.String && present.Count > 0 && notNumbers.Count <= present.Count / 10)
            {
                var samples = string.Join(", ", notNumbers.Distinct(StringComparer.Ordinal).Take(5).Select(s => $"'{s}'"));
                note = $"{notNumbers.Count} of {present.Count} values are not numbers ({samples}): clean them or mark them missing to get a numeric column.";
            }

            reports.Add(new ColumnTypeReport(header[c], type, values.Count - present.Count, present.Count, note));
        }

        return reports;
    }

    internal static bool TryParseBool(string text, out bool value)
    {
        if (bool.TryParse(text, out value))
        {
            return true;
        }

        value = false;
        return false;
    }
}
