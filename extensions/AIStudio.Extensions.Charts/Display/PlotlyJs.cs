using System.Reflection;
using Plotly.NET;

namespace AIStudio.Extensions.Charts.Display;

/// <summary>
/// plotly.js as Plotly.NET ships it (an embedded resource of Plotly.NET.dll), so charts render with no network: Plotly.NET's
/// own HTML loads it from a CDN, which fails offline and in sandboxed kernels.
/// </summary>
internal static class PlotlyJs
{
    private static readonly Lazy<string> LoaderScript = new(BuildLoader, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The plotly.js version Plotly.NET renders with (and embeds).</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The resource's name: Plotly.NET embeds the minified bundle under its version.</summary>
    public static string ResourceName => $"Plotly.NET.plotly-{Version}.min.js";

    /// <summary>
    /// A script body that defines <c>window.Plotly</c> from the embedded library unless the page already has it. The
    /// bundle is UMD: where a page has require.js (classic Jupyter) or CommonJS globals it would register a module instead
    /// of setting <c>window.Plotly</c>, so it runs with <c>define</c>, <c>module</c> and <c>exports</c> shadowed.
    /// </summary>
    public static string Loader => LoaderScript.Value;

    public static string ReadLibrary()
    {
        var assembly = typeof(GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} {assembly.GetName().Version} has no resource '{ResourceName}'; it has: " +
                string.Join(", ", assembly.GetManifestResourceNames()) + ".");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string BuildLoader()
    {
        // A "</script" inside the library would end the inline element early; this version has none, a later one might.
        var library = ReadLibrary().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return "if (!window.Plotly) { (function (define, module, exports) {\n" + library + "\n}).call(window); }";
    }
}
