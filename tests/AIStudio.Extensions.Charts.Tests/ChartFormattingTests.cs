using AIStudio.Extensions.Charts.Display;
using Plotly.NET;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>The representations of a chart, formatted outside a kernel.</summary>
public sealed class ChartFormattingTests
{
    private static GenericChart Chart() => Charts.Scatter(Frames.Penguins(), "bill_length_mm", "bill_depth_mm");

    [Fact]
    public void Plotly_net_embeds_plotly_js_2_28_0()
    {
        Assert.Equal("2.28.0", ChartFormatting.PlotlyJsVersion);
        Assert.StartsWith("/**\n* plotly.js v2.28.0\n", OfflineHtml.PlotlyJsLibrary, StringComparison.Ordinal);
        Assert.True(OfflineHtml.PlotlyJsLibrary.Length > 3_000_000, $"{OfflineHtml.PlotlyJsLibrary.Length} characters");
    }

    [Fact]
    public void Html_with_the_library_inlines_it_under_a_guard_that_hides_amd_and_commonjs()
    {
        var html = ChartFormatting.Html(Chart(), includePlotlyJs: true);

        Assert.True(OfflineHtml.CarriesLibrary(html));
        Assert.Contains("if (!window.Plotly) { (function (define, module, exports) {\n/**\n* plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.Contains("}).call(window); }</script>", html, StringComparison.Ordinal);
        OfflineHtml.AssertNothingFetched(html);
    }

    [Fact]
    public void Html_without_the_library_draws_with_the_pages_plotly_into_its_own_div()
    {
        var html = ChartFormatting.Html(Chart(), includePlotlyJs: false);

        Assert.False(OfflineHtml.CarriesLibrary(html));
        Assert.True(html.Length < 20_000, $"{html.Length} characters");
        var id = System.Text.RegularExpressions.Regex.Match(html, "<div id=\"(aistudio-chart-[0-9a-f]{32})\">").Groups[1].Value;
        Assert.Contains($"document.getElementById('{id}')", html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot(target, figure.data, figure.layout, figure.config)", html, StringComparison.Ordinal);
        OfflineHtml.AssertNothingFetched(html);
    }

    [Fact]
    public void Values_that_look_like_markup_cannot_end_the_script()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.StringDataFrameColumn("label", ["</script><script>alert(1)</script>"]),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("n", [1.0]));

        var html = ChartFormatting.Html(Charts.Bar(frame, "label", "n"), includePlotlyJs: false);

        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("\\u003c/script>\\u003cscript>alert(1)", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("</script>").Length);
    }

    [Fact]
    public void A_display_serializes_the_figure_once_and_the_next_display_serializes_it_again()
    {
        var chart = Chart();

        var first = ChartFormatting.FigureJsonOnce(chart);
        GenericChart.getLayout(chart).SetProperty("title", new Dictionary<string, object> { ["text"] = "changed" });
        var sameDisplay = ChartFormatting.FigureJsonOnce(chart);
        var nextDisplay = ChartFormatting.FigureJsonOnce(chart);

        Assert.Same(first, sameDisplay);
        Assert.DoesNotContain("changed", first, StringComparison.Ordinal);
        Assert.Contains("\"title\":{\"text\":\"changed\"}", nextDisplay, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_json_is_data_layout_and_config()
    {
        var figure = Figure.Of(Chart());

        Assert.Equal(["data", "layout", "config"], figure.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Plain_text_names_the_traces()
    {
        var text = ChartFormatting.PlainText(Charts.Scatter(Frames.Penguins(), "bill_length_mm", "bill_depth_mm", "species"));

        Assert.Equal("Plotly chart, 3 traces: scatter 'Adelie', scatter 'Gentoo', scatter 'Chinstrap'", text);
    }

    [Fact]
    public void Outside_a_kernel_every_chart_carries_the_library_and_every_chart_mode_always_does()
    {
        Assert.True(PlotlyJsSessions.TakeLibrary(PlotlyJsInlining.OncePerKernel));
        Assert.True(PlotlyJsSessions.TakeLibrary(PlotlyJsInlining.OncePerKernel));
        Assert.True(PlotlyJsSessions.TakeLibrary(PlotlyJsInlining.EveryChart));
    }
}
