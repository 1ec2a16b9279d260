using System.Text.RegularExpressions;
using AIStudio.Extensions.Charts.Display;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>What a chart's text/html must and must not contain to work offline.</summary>
internal static partial class OfflineHtml
{
    private static readonly Lazy<string> Library = new(PlotlyJs.ReadLibrary);

    /// <summary>The text of plotly.js as Plotly.NET embeds it (about 3.6 MB).</summary>
    public static string PlotlyJsLibrary => Library.Value;

    public static bool CarriesLibrary(string html) => html.Contains(PlotlyJsLibrary, StringComparison.Ordinal);

    /// <summary>
    /// No script is loaded from anywhere, and nothing outside the inlined library names a URL. (The library itself names
    /// cdn.plot.ly once, as the default topojsonURL that only geo maps fetch.)
    /// </summary>
    public static void AssertNothingFetched(string html)
    {
        Assert.DoesNotMatch(ScriptWithSource(), html);
        var withoutLibrary = html.Replace(PlotlyJsLibrary, "", StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", withoutLibrary, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutLibrary, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", withoutLibrary, StringComparison.Ordinal);
        Assert.DoesNotContain("require(", withoutLibrary, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<script[^>]*\bsrc\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();
}
