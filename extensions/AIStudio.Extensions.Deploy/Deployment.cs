using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AIStudio.Extensions.Deploy;

/// <summary>A deployment as the hub describes it: its endpoint, OpenAPI document and versions with their traffic.</summary>
public sealed record Deployment(string Name, string Owner, string Url, string OpenApiUrl, IReadOnlyList<DeploymentVersion> Versions)
{
    /// <summary>The newest version.</summary>
    public DeploymentVersion Latest => Versions.MaxBy(v => v.Version) ?? throw new InvalidOperationException($"Deployment {Name} has no versions.");

    internal static Deployment Parse(JsonElement json) => new(
        json.GetProperty("name").GetString()!,
        json.GetProperty("owner").GetString()!,
        json.GetProperty("url").GetString()!,
        json.GetProperty("openapi_url").GetString()!,
        [.. json.GetProperty("versions").EnumerateArray().Select(v => new DeploymentVersion(
            v.GetProperty("version").GetInt32(),
            v.GetProperty("traffic").GetInt32(),
            v.TryGetProperty("note", out var note) ? note.GetString() ?? "" : "",
            v.GetProperty("url").GetString()!,
            v.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "onnx" : "onnx",
            Fields(v, "inputs"),
            Fields(v, "outputs"))).OrderBy(v => v.Version)]);

    /// <summary>A version's inputs or outputs as <c>name: type</c>, from its schema.</summary>
    private static string[] Fields(JsonElement version, string which) =>
        version.TryGetProperty("schema", out var schema) && schema.TryGetProperty(which, out var fields) && fields.ValueKind == JsonValueKind.Array
            ? [.. fields.EnumerateArray().Select(f => $"{f.GetProperty("name").GetString()}: {f.GetProperty("type").GetString()}")]
            : [];

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Owner}/{Name}: POST {Url}\n");
        foreach (var version in Versions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  v{version.Version} ({version.KindText}): {version.Traffic}% of the traffic{(version.Note.Length > 0 ? " — " + version.Note : "")}\n");
        }

        if (Versions.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"v{Latest.Version} inputs: {string.Join(", ", Latest.Inputs ?? [])}; outputs: {string.Join(", ", Latest.Outputs ?? [])}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"OpenAPI: {OpenApiUrl}");
        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"aistudio-deployment\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><strong>{WebUtility.HtmlEncode(Owner)}/{WebUtility.HtmlEncode(Name)}</strong>: <code>POST {WebUtility.HtmlEncode(Url)}</code> (<a href=\"{WebUtility.HtmlEncode(OpenApiUrl)}\">OpenAPI</a>)</div>");
        html.Append("<table><tr><th>version</th><th>kind</th><th>traffic</th><th>inputs</th><th>outputs</th><th>note</th></tr>");
        foreach (var version in Versions)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>v{version.Version}</td><td>{version.KindText}</td><td>{version.Traffic}%</td><td>{Code(version.Inputs)}</td><td>{Code(version.Outputs)}</td><td>{WebUtility.HtmlEncode(version.Note)}</td></tr>");
        }

        html.Append("</table></div>");
        return html.ToString();
    }

    public override string ToString() => ToText();

    private static string Code(IReadOnlyList<string>? fields) =>
        string.Join("<br>", (fields ?? []).Select(f => $"<code>{WebUtility.HtmlEncode(f)}</code>"));
}
