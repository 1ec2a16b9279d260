namespace AIStudio.Extensions.Charts;

/// <summary>When a chart's <c>text/html</c> carries plotly.js itself (about 3.6 MB) rather than using the page's copy.</summary>
public enum PlotlyJsInlining
{
    /// <summary>The first chart a kernel displays carries the library; later ones reuse <c>window.Plotly</c>.</summary>
    OncePerKernel,

    /// <summary>
    /// Every chart carries it (guarded, so a page defines it once): for outputs that must stand alone, such as a display
    /// that is updated in place and so replaces the output that carried the library.
    /// </summary>
    EveryChart,
}
