using System.ComponentModel;
using System.Globalization;
using System.Text;
using AIStudio.Extensions.Datasets;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>The datasets tool as the model sees it: the Datasets extension's catalog, descriptions and rows as CSV.</summary>
internal sealed class DatasetsPlugin
{
    private const int MaxRows = 200;

    [KernelFunction("list")]
    [Description("Lists the datasets available in this notebook: name, title, rows and licence.")]
    public static string List() =>
        string.Join('\n', Datasets.Datasets.List().Select(d => $"{d.Name}: {d.Title} ({d.Rows} rows, {d.License})"));

    [KernelFunction("describe")]
    [Description("Describes a dataset: its description, source, licence and columns with their types.")]
    public static string Describe([Description("The dataset's name, as list returns it")] string name)
    {
        var info = Find(name, out var error);
        if (info is null)
        {
            return error!;
        }

        var text = new StringBuilder()
            .Append(info.Name).Append(": ").Append(info.Title).Append('\n')
            .Append(info.Description).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"rows: {info.Rows}, licence: {info.License}, source: {info.Source}\n")
            .Append("columns:\n");
        foreach (var column in info.Columns)
        {
            text.Append("- ").Append(column.Name).Append(" (").Append(column.Type).Append(')')
                .Append(column.Description is null ? "" : ": " + column.Description).Append('\n');
        }

        return text.ToString();
    }

    [KernelFunction("read")]
    [Description("Reads the first rows of a dataset as CSV (header first). For statistics over all rows, run C# with Datasets.Load(name) instead.")]
    public static async Task<string> ReadAsync(
        [Description("The dataset's name")] string name,
        [Description("How many rows, at most 200")] int rows = 20,
        CancellationToken cancellationToken = default)
    {
        if (Find(name, out var error) is null)
        {
            return error!;
        }

        var frame = await Datasets.Datasets.LoadAsync(name, cancellationToken).ConfigureAwait(false);
        var count = (int)Math.Min(Math.Clamp(rows, 1, MaxRows), frame.Rows.Count);
        var csv = new StringBuilder(string.Join(',', frame.Columns.Select(c => Csv(c.Name)))).Append('\n');
        for (var i = 0; i < count; i++)
        {
            csv.Append(string.Join(',', frame.Columns.Select(c => Csv(Format(c[i]))))).Append('\n');
        }

        return csv.Append(CultureInfo.InvariantCulture, $"({count} of {frame.Rows.Count} rows)").ToString();
    }

    private static Datasets.Catalog.DatasetInfo? Find(string name, out string? error)
    {
        try
        {
            error = null;
            return Datasets.Datasets.Info(name);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static string Format(object? value) =>
        value switch
        {
            null => "",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
