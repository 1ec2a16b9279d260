using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>The extension loaded into a real CompositeKernel with a C# kernel, as a notebook host builds one.</summary>
public sealed class KernelTests : IDisposable
{
    private const string PlotlyJson = "application/vnd.plotly.v1+json";

    private const string Setup = """
        using AIStudio.Extensions.Charts;
        using Microsoft.Data.Analysis;
        var penguins = new DataFrame(
            new StringDataFrameColumn("species", new[] { "Adelie", "Gentoo", "Adelie", null }),
            new DoubleDataFrameColumn("bill_length_mm", new double?[] { 39.1, 46.1, 40.3, 38.0 }),
            new DoubleDataFrameColumn("bill_depth_mm", new double?[] { 18.7, 13.2, null, 17.1 }));
        """;

    private readonly CompositeKernel _kernel;

    public KernelTests()
    {
        // As aistudio-kernel configures formatting (DESIGN §10): a host's preference for objects must not hide the chart's types.
        Formatter.SetPreferredMimeTypesFor(typeof(object), PlainTextFormatter.MimeType, HtmlFormatter.MimeType);
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.AddAssemblyReferences([
            typeof(Charts).Assembly.Location,
            typeof(DataFrame).Assembly.Location,
            typeof(GenericChart).Assembly.Location,
            typeof(Plotly.NET.CSharp.Chart).Assembly.Location,
            typeof(Microsoft.FSharp.Core.Unit).Assembly.Location,
            typeof(DynamicObj.DynamicObj).Assembly.Location,
        ]);
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        ChartsExtension.Load(_kernel);
    }

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task A_chart_returned_by_a_cell_is_plotly_json_and_offline_html_with_plotly_js_inlined()
    {
        await SucceedAsync(Setup);

        var events = await SucceedAsync("Charts.Scatter(penguins, x: \"bill_length_mm\", y: \"bill_depth_mm\")");

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        var figure = Figure.Parse(Value(result, PlotlyJson));
        var trace = figure.Trace(0);
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal([39.1, 46.1, 38.0], trace.Numbers("x"));
        Assert.Equal([18.7, 13.2, 17.1], trace.Numbers("y"));
        var html = Value(result, "text/html");
        Assert.True(OfflineHtml.CarriesLibrary(html));
        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
        OfflineHtml.AssertNothingFetched(html);
    }

    [Fact]
    public async Task A_displayed_chart_has_both_representations_and_later_charts_reuse_the_library()
    {
        await SucceedAsync(Setup);

        var first = await SucceedAsync("display(Charts.Scatter(penguins, x: \"bill_length_mm\", y: \"bill_depth_mm\", color: \"species\"));");
        var second = await SucceedAsync("display(Charts.Histogram(penguins, \"bill_length_mm\", bins: 2));");

        var shown = Assert.Single(first.OfType<DisplayedValueProduced>());
        var figure = Figure.Parse(Value(shown, PlotlyJson));
        Assert.Equal("Adelie", figure.Trace(0).GetProperty("name").GetString());
        Assert.Equal([39.1], figure.Trace(0).Numbers("x"));
        Assert.True(OfflineHtml.CarriesLibrary(Value(shown, "text/html")));

        var later = Assert.Single(second.OfType<DisplayedValueProduced>());
        Assert.Equal([3.0, 1.0], Figure.Parse(Value(later, PlotlyJson)).Trace(0).Numbers("y"));
        var html = Value(later, "text/html");
        Assert.False(OfflineHtml.CarriesLibrary(html));
        Assert.DoesNotContain("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot", html, StringComparison.Ordinal);
        OfflineHtml.AssertNothingFetched(html);
    }

    [Fact]
    public async Task A_chart_built_with_plotly_net_itself_displays_the_same_way()
    {
        var events = await SucceedAsync("""
            Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 5.0, 3.0 })
            """);

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal([5.0, 3.0], Figure.Parse(Value(result, PlotlyJson)).Trace(0).Numbers("y"));
        Assert.NotEmpty(Value(result, "text/html"));
    }

    [Fact]
    public async Task The_figure_is_sent_as_a_json_object_and_text_plain_is_a_summary()
    {
        await SucceedAsync(Setup);

        var events = await SucceedAsync("Charts.Bar(penguins, \"species\")");

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, Figure.Parse(Value(result, PlotlyJson)).ValueKind);
        // A host that adds text/plain itself (aistudio-kernel does) asks the formatter, which must not dump the F# object graph.
        Assert.Equal("Plotly chart, 1 trace: bar 'count'", result.Value.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public async Task A_chart_changed_in_place_and_displayed_again_shows_the_change_in_both_representations()
    {
        await SucceedAsync(Setup);
        await SucceedAsync("var chart = Charts.Bar(penguins, \"species\"); display(chart);");

        var events = await SucceedAsync("""
            Plotly.NET.GenericChart.getLayout(chart).SetProperty("title", new Dictionary<string, object> { ["text"] = "changed" });
            display(chart);
            """);

        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Equal("changed", Figure.Parse(Value(shown, PlotlyJson)).GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("\"title\":{\"text\":\"changed\"}", Value(shown, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_column_fails_the_cell_with_the_columns_listed()
    {
        await SucceedAsync(Setup);

        var result = await _kernel.SendAsync(new SubmitCode("Charts.Scatter(penguins, x: \"bill_len\", y: \"bill_depth_mm\")"));

        var failed = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Contains(
            "There is no column 'bill_len' in the DataFrame. Its columns are: species, bill_length_mm, bill_depth_mm.",
            failed.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_the_extension_twice_changes_nothing()
    {
        ChartsExtension.Load(_kernel);
        await SucceedAsync(Setup);

        var events = await SucceedAsync("Charts.LossCurve(new[] { 0.9, 0.5 }, new[] { 1.0, 0.7 })");

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal(2, Figure.Parse(Value(result, PlotlyJson)).TraceCount());
        Assert.Equal(2, result.FormattedValues.Count(v => v.MimeType is PlotlyJson or "text/html"));
    }

    private async Task<IReadOnlyList<KernelEvent>> SucceedAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        return result.Events;
    }

    private static string Value(DisplayEvent e, string mimeType) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == mimeType)?.Value
        ?? throw new Xunit.Sdk.XunitException($"No {mimeType} among {string.Join(", ", e.FormattedValues.Select(v => v.MimeType))}.");
}
