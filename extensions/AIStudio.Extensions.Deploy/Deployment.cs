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
            v.GetProperty("url").GetString()!)).OrderBy(v => v.Version)]);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Owner}/{Name}: POST {Url}\n");
        foreach (var version in Versions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  v{version.Version}: {version.Traffic}% of the traffic{(version.Note.Length > 0 ? " — " + version.Note : "")}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"OpenAPI: {OpenApiUrl}");
        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"aistudio-deployment\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><strong>{WebUtility.HtmlEncode(Owner)}/{WebUtility.HtmlEncode(Name)}</strong>: <code>POST {WebUtility.HtmlEncode(Url)}</code> (<a href=\"{WebUtility.HtmlEncode(OpenApiUrl)}\">OpenAPI</a>)</div>");
        html.Append("<table><tr><th>version</th><th>traffic</th><th>note</th></tr>");
        foreach (var version in Versions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>v{version.Version}</td><td>{version.Traffic}%</td><td>{WebUtility.HtmlEncode(version.Note)}</td></tr>");
        }

        html.Append("</table></div>");
        return html.ToString();
    }

    public override string ToString() => ToText();
}
