using System.Globalization;
using System.Text;
using Plotly.NET;

namespace AIStudio.Extensions.Charts.Display;

/// <summary>
/// The representations of a chart: the plotly figure JSON (<c>{data, layout, config}</c>, the value of
/// <c>application/vnd.plotly.v1+json</c>), offline HTML (a div and a script, plotly.js inlined from Plotly.NET's embedded
/// copy, never a CDN), and a one-line text.
/// </summary>
public static class ChartFormatting
{
    /// <summary>The MIME type JupyterLab's plotly renderer (and the hub's notebook page) draws.</summary>
    public const string PlotlyJsonMimeType = "application/vnd.plotly.v1+json";

    private const long PendingLifetimeMs = 2_000;

    [ThreadStatic]
    private static (GenericChart Chart, string Json, long At)? _pending;

    /// <summary>The version of plotly.js that the HTML inlines.</summary>
    public static string PlotlyJsVersion => PlotlyJs.Version;

    /// <summary>The figure as JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public static string FigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toJson(chart);
    }

    /// <summary>
    /// HTML for the chart. It carries plotly.js when <see cref="Charts.PlotlyJsInlining"/> says so (by default: the first
    /// chart each kernel displays); otherwise it waits for the page's <c>window.Plotly</c>.
    /// </summary>
    public static string Html(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Render(FigureJsonOnce(chart), PlotlyJsSessions.TakeLibrary(Charts.PlotlyJsInlining));
    }

    /// <summary>HTML for the chart, with or without plotly.js inlined.</summary>
    public static string Html(GenericChart chart, bool includePlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Render(FigureJson(chart), includePlotlyJs);
    }

    /// <summary>
    /// The figure JSON for a formatter. Plotly.NET serializes slowly (Newtonsoft over DynamicObj: 100 ms and more for a
    /// small chart, measured here) and one display asks for the figure twice, for the plotly JSON and for the HTML; so the
    /// second ask reuses the first one's text. The entry is per thread, taken once and short-lived, so a chart changed in
    /// place and displayed again is serialized again.
    /// </summary>
    internal static string FigureJsonOnce(GenericChart chart)
    {
        if (_pending is { } pending && ReferenceEquals(pending.Chart, chart) && Environment.TickCount64 - pending.At < PendingLifetimeMs)
        {
            _pending = null;
            return pending.Json;
        }

        var json = FigureJson(chart);
        // Stamped after serializing: the lifetime covers the gap between the two asks, not the serialization itself.
        _pending = (chart, json, Environment.TickCount64);
        return json;
    }

    private static string Render(string figureJson, bool includePlotlyJs)
    {
        var id = "aistudio-chart-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<div class=\"aistudio-chart\"><div id=\"").Append(id).Append("\"></div>");
        if (includePlotlyJs)
        {
            html.Append("<script type=\"text/javascript\">/* plotly.js v").Append(PlotlyJs.Version)
                .Append(", inlined from Plotly.NET for offline use */\n").Append(PlotlyJs.Loader).Append("</script>");
        }

        // The figure sits in a script: escaping '<' keeps a value such as "</script>" from ending it (JSON reads \u003c back).
        var figure = figureJson.Replace("<", "\\u003c", StringComparison.Ordinal);
        html.Append("<script type=\"text/javascript\">\n(function () {\n")
            .Append("  var figure = ").Append(figure).Append(";\n")
            .Append("  var target = document.getElementById('").Append(id).Append("');\n")
            // Outputs may render out of order (a windowed notebook renders cells as they scroll into view): wait a little for the library.
            .Append("  var waited = 0;\n")
            .Append("  function draw() {\n")
            .Append("    if (window.Plotly) { window.Plotly.newPlot(target, figure.data, figure.layout, figure.config); return; }\n")
            .Append("    if ((waited += 100) > 20000) {\n")
            .Append("      target.textContent = 'plotly.js is not loaded on this page: it comes with the first chart a kernel shows. ' +\n")
            .Append("        'Re-run that cell, or set Charts.PlotlyJsInlining = PlotlyJsInlining.EveryChart.';\n")
            .Append("      return;\n")
            .Append("    }\n")
            .Append("    setTimeout(draw, 100);\n")
            .Append("  }\n")
            .Append("  draw();\n")
            .Append("})();\n</script></div>");
        return html.ToString();
    }

    /// <summary>One line for text-only front-ends: the trace types and names.</summary>
    public static string PlainText(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var traces = GenericChart.getTraces(chart).ToList();
        var described = traces.Select(t =>
        {
            var name = t.TryGetTypedPropertyValue<string>("name");
            return name is null ? t.type : $"{t.type} '{name.Value}'";
        });
        var noun = traces.Count == 1 ? "trace" : "traces";
        return $"Plotly chart, {traces.Count} {noun}: {string.Join(", ", described)}";
    }
}
