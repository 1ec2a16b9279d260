using System.Text.Json;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Charts extension, preloaded by aistudio-kernel, over the Jupyter protocol: a chart from a dataset in one line, sent as
/// a Plotly figure (a JSON object, as JupyterLab's and the hub's plotly renderers read it) and as offline HTML.
/// </summary>
public sealed class ChartsInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task A_scatter_of_a_dataset_is_a_plotly_figure_and_offline_html()
    {
        var result = await fixture.Connection.RunOkAsync(
            "Charts.Scatter(Datasets.Load(\"penguins\"), x: \"bill_length_mm\", y: \"bill_depth_mm\", color: \"species\")");

        Assert.NotNull(result.Result);
        var data = result.Result.Data;
        Assert.True(data.TryGetValue("application/vnd.plotly.v1+json", out var figure), $"execute_result has {string.Join(", ", data.Keys)}");
        Assert.Equal(JsonValueKind.Object, figure.ValueKind);
        var traces = figure.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, traces.Count);   // one per species
        Assert.All(traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.Equal(342, traces.Sum(t => t.GetProperty("x").GetArrayLength()));   // 344 penguins, 2 without bill measurements
        var html = data["text/html"].GetString()!;
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
