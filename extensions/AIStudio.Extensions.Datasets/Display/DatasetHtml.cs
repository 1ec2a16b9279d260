using System.Globalization;
using System.Net;
using System.Text;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Registration;

namespace AIStudio.Extensions.Datasets.Display;

/// <summary>HTML and plain text for the catalog, one dataset's card, and a registration (with its warnings shown).</summary>
internal static class DatasetHtml
{
    public static string List(IReadOnlyList<DatasetInfo> datasets)
    {
        var html = new StringBuilder("<table class=\"aistudio-datasets\"><thead><tr><th>name</th><th>title</th><th>rows</th><th>columns</th><th>licence</th><th>source</th></tr></thead><tbody>");
        foreach (var d in datasets)
        {
            html.Append(Invariant($"<tr><td><code>{E(d.Name)}</code></td><td>{E(d.Title)}</td><td>{d.Rows}</td><td>{d.Columns.Count}</td><td>{E(d.License)}</td><td>{Link(d.Source)}</td></tr>"));
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string ListText(IReadOnlyList<DatasetInfo> datasets) =>
        string.Join('\n', datasets.Select(d => Invariant($"{d.Name,-12} {d.Rows,6} rows  {d.License,-14} {d.Title}")));

    public static string Info(DatasetInfo d)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"aistudio-dataset\"><h4>").Append(E(d.Title)).Append(" <code>").Append(E(d.Name)).Append("</code></h4>");
        html.Append("<p>").Append(E(d.Description)).Append("</p><dl>");
        html.Append(Invariant($"<dt>rows</dt><dd>{d.Rows}</dd>"));
        html.Append("<dt>licence</dt><dd>").Append(E(d.License)).Append("</dd>");
        html.Append("<dt>source</dt><dd>").Append(Link(d.Source)).Append("</dd>");
        if (d.ObtainedFrom.Length > 0)
        {
            html.Append("<dt>obtained from</dt><dd>").Append(E(d.ObtainedFrom)).Append("</dd>");
        }

        html.Append("<dt>cite as</dt><dd>").Append(E(d.Citation)).Append("</dd>");
        html.Append("<dt>SHA-256</dt><dd><code>").Append(E(d.Sha256)).Append("</code></dd></dl>");
        html.Append("<table><thead><tr><th>column</th><th>type</th><th>description</th></tr></thead><tbody>");
        foreach (var c in d.Columns)
        {
            html.Append("<tr><td><code>").Append(E(c.Name)).Append("</code></td><td>").Append(E(c.Type)).Append("</td><td>")
                .Append(E(c.Description ?? "")).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    public static string InfoText(DatasetInfo d) =>
        Invariant($"{d.Title} ({d.Name}): {d.Rows} rows, licence {d.License}\n{d.Description}\nSource: {d.Source}\nCite as: {d.Citation}\n") +
        string.Join('\n', d.Columns.Select(c => $"  {c.Name}: {c.Type}"));

    public static string Registration(RegistrationResult result)
    {
        var html = new StringBuilder("<div class=\"aistudio-registration\">");
        html.Append("<p>Registered <code>").Append(E(result.Dataset.Name)).Append("</code> (")
            .Append(Invariant($"{result.Dataset.Rows} rows")).Append(", licence ").Append(E(result.Provenance.License))
            .Append(Invariant($", detected by {result.Provenance.DetectionMethod}, score {result.Provenance.DetectionScore:0.000}")).Append(").</p>");
        foreach (var warning in result.Warnings)
        {
            html.Append("<div style=\"border-left:4px solid #e69500;background:#fff6e0;padding:4px 8px;margin:4px 0\">⚠ ")
                .Append(E(warning)).Append("</div>");
        }

        return html.Append("<p>Provenance: <code>").Append(E(result.ProvenancePath)).Append("</code></p></div>").ToString();
    }

    private static string Link(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) ? $"<a href=\"{E(url)}\">{E(url)}</a>" : E(url);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
