using AIStudio.Extensions.Training.Progress;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Training.Tests;

/// <summary>The extension loaded into a real CompositeKernel with a C# kernel, as a notebook host builds one.</summary>
public sealed class KernelTests : IDisposable
{
    private const string PlotlyJson = "application/vnd.plotly.v1+json";

    private readonly CompositeKernel _kernel;

    public KernelTests()
    {
        Formatter.SetPreferredMimeTypesFor(typeof(object), PlainTextFormatter.MimeType, HtmlFormatter.MimeType);
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.AddAssemblyReferences(References.All);
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        TrainingExtension.Load(_kernel);
    }

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task The_progress_display_is_one_output_updated_in_place_then_the_loss_and_metric_curves()
    {
        var events = await SucceedAsync("""
            using AIStudio.Extensions.Training.Progress;
            using (var progress = TrainingProgress.Start(3, "tiny"))
            {
                for (var epoch = 1; epoch <= 3; epoch++)
                {
                    progress.Report(epoch, loss: 1.0 / epoch, metric: 0.3 * epoch);
                }
            }
            """);

        var shown = Assert.Single(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/html").Contains("aistudio-training-progress", StringComparison.Ordinal));
        Assert.Contains("epoch 0/3", Value(shown, "text/plain"), StringComparison.Ordinal);
        var updates = events.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        var last = Value(updates[^1], "text/plain");
        Assert.Contains("epoch 3/3", last, StringComparison.Ordinal);
        Assert.Contains("loss 0.3333", last, StringComparison.Ordinal);
        Assert.Contains("accuracy 0.9000", last, StringComparison.Ordinal);
        Assert.EndsWith("done", last, StringComparison.Ordinal);
        Assert.Contains("<progress value=\"1000\"", Value(updates[^1], "text/html"), StringComparison.Ordinal);

        // Three epochs in well under the minimum interval: the first reports are skipped, the last one is shown.
        Assert.True(updates.Count <= 3, $"{updates.Count} updates for 3 epochs reported at once");
        var charts = events.OfType<DisplayedValueProduced>().Where(e => e.FormattedValues.Any(v => v.MimeType == PlotlyJson)).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains("Loss per epoch", Value(charts[0], PlotlyJson), StringComparison.Ordinal);
        Assert.Contains("Accuracy per epoch", Value(charts[1], PlotlyJson), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_magic_reports_the_cpu_and_the_libtorch_it_loaded()
    {
        var events = await SucceedAsync("#!device");

        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        var text = Value(shown, "text/plain");
        Assert.Contains("device: cpu", text, StringComparison.Ordinal);
        Assert.Contains("TorchSharp 0.107.0, libtorch 2.10.0 from ", text, StringComparison.Ordinal);
        Assert.Contains("<strong>cpu</strong>", Value(shown, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TorchSharp_network_trains_in_a_cell_with_live_progress_and_learns()
    {
        var events = await SucceedAsync("""
            using AIStudio.Extensions.Training.Torch;
            using TorchSharp;
            using static TorchSharp.torch;
            torch.manual_seed(7);
            // Two well separated clouds: class 0 around (-2, -2), class 1 around (2, 2).
            var x = cat(new[] { randn(200, 2) - 2, randn(200, 2) + 2 });
            var y = cat(new[] { zeros(200, dtype: int64), ones(200, dtype: int64) });
            var model = nn.Sequential(("hidden", nn.Linear(2, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 2)));
            var history = TorchTraining.Fit(model, optim.Adam(model.parameters(), 0.05), nn.CrossEntropyLoss().forward,
                TorchTraining.Batches(x, y, batchSize: 32, seed: 1), epochs: 5,
                validation: TorchTraining.Batches(x, y, batchSize: 400), metric: Metrics.Accuracy, device: Devices.Best, title: "two clouds");
            (history.Loss[0], history.Loss[^1], history.ValidationMetric[^1])
            """);

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        var (first, last, accuracy) = ((double, double, double))result.Value;
        Assert.True(last < first, $"The loss must fall: {first} -> {last}");
        Assert.True(accuracy > 0.95, $"Validation accuracy {accuracy}");
        var progress = Assert.Single(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/html").Contains("aistudio-training-progress", StringComparison.Ordinal));
        Assert.Contains("two clouds", Value(progress, "text/plain"), StringComparison.Ordinal);
        Assert.Contains("epoch 5/5", Value(events.OfType<DisplayedValueUpdated>().Last(), "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_directive_argument_or_torch_failure_fails_the_cell_with_a_message()
    {
        var result = await _kernel.SendAsync(new SubmitCode("""
            using AIStudio.Extensions.Training.Progress;
            TrainingProgress.Start(0)
            """));

        var failure = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Contains("epochs", failure.Message, StringComparison.Ordinal);
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
