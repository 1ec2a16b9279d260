using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Display;

/// <summary>
/// Self-contained HTML for a <see cref="DataFrame"/> (no scripts, nothing from a CDN): one page of rows with the column
/// types under the names, "rows 1–20 of 344", and a summary table (count, nulls, mean, std, min, max, distinct, top).
/// Other pages render server-side with <see cref="DataFrameExtensions.Page"/>.
/// </summary>
public static class DataFrameHtml
{
    public const int DefaultPageSize = 20;

    private const string Style =
        ".aistudio-df table{border-collapse:collapse;font-size:12px;margin:4px 0}" +
        ".aistudio-df th,.aistudio-df td{border:1px solid #ddd;padding:2px 6px;text-align:right}" +
        ".aistudio-df th{background:#f4f4f4}.aistudio-df .type{font-weight:normal;color:#666;font-style:italic}" +
        ".aistudio-df .na{color:#999;font-style:italic}.aistudio-df .caption{color:#444;margin:4px 0}";

    public static string Render(DataFrame frame, int page = 1, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var rows = frame.Rows.Count;
        var pages = Math.Max(1, (rows + pageSize - 1) / pageSize);
        page = (int)Math.Min(page, pages);
        var first = (long)(page - 1) * pageSize;
        var last = Math.Min(rows, first + pageSize);
        var html = new StringBuilder();
        html.Append("<div class=\"aistudio-df\"><style>").Append(Style).Append("</style>");
        html.Append(Invariant($"<div class=\"caption\">{rows:N0} rows × {frame.Columns.Count} columns · "));
        html.Append(rows == 0 ? "no rows" : Invariant($"rows {first + 1:N0}–{last:N0} of {rows:N0} (page {page} of {pages})"));
        html.Append("</div>");

        html.Append("<table class=\"rows\"><thead><tr><th></th>");
        foreach (var column in frame.Columns)
        {
            html.Append("<th>").Append(Encode(column.Name)).Append("<br><span class=\"type\">")
                .Append(Encode(FrameStatistics.TypeName(column))).Append("</span></th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var r = first; r < last; r++)
        {
            html.Append(Invariant($"<tr><th>{r}</th>"));
            foreach (var column in frame.Columns)
            {
                var value = column[r];
                html.Append(value is null ? "<td class=\"na\">null</td>" : $"<td>{Encode(Format(value))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        AppendSummary(html, FrameStatistics.Summarize(frame));
        html.Append("</div>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, IReadOnlyList<ColumnSummary> summary)
    {
        html.Append("<details open><summary>Summary statistics</summary><table class=\"summary\"><thead><tr>");
        foreach (var heading in new[] { "column", "type", "count", "nulls", "mean", "std", "min", "max", "distinct", "top", "freq" })
        {
            html.Append("<th>").Append(heading).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var s in summary)
        {
            html.Append("<tr><th>").Append(Encode(s.Column)).Append("</th><td>").Append(Encode(s.Type)).Append("</td>")
                .Append(Invariant($"<td>{s.Count}</td><td>{s.Nulls}</td>"))
                .Append(Cell(s.Mean)).Append(Cell(s.Std)).Append(Cell(s.Min)).Append(Cell(s.Max))
                .Append("<td>").Append(s.Distinct?.ToString(CultureInfo.InvariantCulture) ?? "").Append("</td>")
                .Append("<td>").Append(Encode(s.Top ?? "")).Append("</td>")
                .Append("<td>").Append(s.TopFrequency?.ToString(CultureInfo.InvariantCulture) ?? "").Append("</td></tr>");
        }

        html.Append("</tbody></table></details>");
    }

    private static string Cell(double? value) => value is { } v ? $"<td>{v.ToString("G6", CultureInfo.InvariantCulture)}</td>" : "<td></td>";

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        float f => f.ToString("G", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
