using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Training extension, preloaded by aistudio-kernel, over the Jupyter protocol: the progress display is one output
/// updated in place (display_data, then update_display_data with its display_id), the curves follow as Plotly figures,
/// TorchSharp trains with the libtorch the extension loads, and #!device reports the CPU.
/// </summary>
public sealed class TrainingInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task A_TorchSharp_loop_shows_one_progress_output_updated_in_place_and_then_its_curves()
    {
        var result = await fixture.Connection.RunOkAsync("""
            using TorchSharp;
            using static TorchSharp.torch;
            torch.manual_seed(11);
            var x = cat(new[] { randn(100, 2) - 2, randn(100, 2) + 2 });
            var y = cat(new[] { zeros(100, dtype: int64), ones(100, dtype: int64) });
            var net = nn.Sequential(("hidden", nn.Linear(2, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 2)));
            var history = TorchTraining.Fit(net, optim.Adam(net.parameters(), 0.05), nn.CrossEntropyLoss().forward,
                TorchTraining.Batches(x, y, 20, seed: 2), epochs: 4, metric: Metrics.Accuracy, device: Devices.Best, title: "clouds");
            history.Metric[^1]
            """);

        var progress = Assert.Single(result.Displays, d => d.Data.TryGetValue("text/html", out var html) && html.GetString()!.Contains("aistudio-training-progress", StringComparison.Ordinal));
        var id = progress.Transient?.DisplayId;
        Assert.False(string.IsNullOrEmpty(id), "The progress display needs a display_id to be updated.");
        Assert.NotEmpty(result.DisplayUpdates);
        Assert.All(result.DisplayUpdates, u => Assert.Equal(id, u.Transient.DisplayId));
        var last = result.DisplayUpdates[^1].Data["text/plain"].GetString()!;
        Assert.Contains("clouds", last, StringComparison.Ordinal);
        Assert.Contains("epoch 4/4", last, StringComparison.Ordinal);
        Assert.EndsWith("done", last, StringComparison.Ordinal);
        Assert.Equal(2, result.Displays.Count(d => d.Data.ContainsKey("application/vnd.plotly.v1+json")));
        Assert.True(double.Parse(result.ResultText!, System.Globalization.CultureInfo.InvariantCulture) > 0.9, result.ResultText);
    }

    [Fact]
    public async Task Device_magic_reports_the_device_and_libtorch()
    {
        var result = await fixture.Connection.RunOkAsync("#!device");

        var shown = Assert.Single(result.Displays);
        var text = shown.Data["text/plain"].GetString()!;
        Assert.Contains("device: cpu", text, StringComparison.Ordinal);
        Assert.Contains("TorchSharp 0.107.0, libtorch 2.10.0", text, StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
