using AIStudio.Extensions.Training.Progress;

namespace AIStudio.Extensions.Training.Tests;

/// <summary>The progress display's arithmetic and text, outside a notebook (it then writes lines to the console).</summary>
public sealed class ProgressTests
{
    [Fact]
    public void The_snapshot_counts_epochs_and_batches_and_estimates_the_time_left_from_the_pace_so_far()
    {
        var clock = new ManualClock();
        using var progress = TrainingProgress.Start(4, "net", clock: clock, showCurves: false);

        clock.Advance(TimeSpan.FromSeconds(10));
        progress.Report(1, loss: 0.9, metric: 0.5);
        clock.Advance(TimeSpan.FromSeconds(5));
        progress.ReportBatch(1, 2, loss: 0.8);

        var now = progress.Current;
        Assert.Equal(1.5 / 4, now.Fraction, 6);
        Assert.Equal(TimeSpan.FromSeconds(25), now.Eta);
        Assert.Contains("epoch 1/4 (batch 1/2)", now.ToText(), StringComparison.Ordinal);
        Assert.Contains("loss 0.8000", now.ToText(), StringComparison.Ordinal);
        Assert.Contains("accuracy 0.5000", now.ToText(), StringComparison.Ordinal);
        Assert.Contains("ETA 0:25", now.ToText(), StringComparison.Ordinal);
        Assert.Contains("<progress value=\"375\" max=\"1000\"", now.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_every_epoch_in_order_and_refuses_one_reported_twice()
    {
        using var progress = TrainingProgress.Start(3, clock: new ManualClock(), showCurves: false);
        progress.Report(1, 1.0, 0.3, validationLoss: 1.1);
        progress.Report(2, 0.5, 0.6, validationLoss: 0.7);

        var error = Assert.Throws<ArgumentException>(() => progress.Report(2, 0.4));
        Assert.Contains("Epoch 2 was reported after epoch 2", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 0.5], progress.History.Loss);
        Assert.Equal([1.1, 0.7], progress.History.ValidationLoss);
        Assert.Throws<ArgumentOutOfRangeException>(() => progress.Report(4, 0.1));
    }

    [Fact]
    public void A_loop_that_stops_early_shows_as_stopped_and_a_full_one_as_done()
    {
        var stopped = TrainingProgress.Start(3, clock: new ManualClock(), showCurves: false);
        stopped.Report(1, 1.0);
        stopped.Dispose();
        Assert.True(stopped.Current.Failed);
        Assert.Contains("stopped", stopped.Current.ToText(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => stopped.Report(2, 0.5));

        var done = TrainingProgress.Start(1, clock: new ManualClock(), showCurves: false);
        done.Report(1, 0.2);
        done.Dispose();
        Assert.False(done.Current.Failed);
        Assert.EndsWith("done", done.Current.ToText(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, done.Current.Eta);
    }

    [Fact]
    public void The_curves_are_the_loss_with_validation_and_the_metric()
    {
        using var progress = TrainingProgress.Start(2, metric: "RMSE", clock: new ManualClock(), showCurves: false);
        progress.Report(1, 2.0, 1.5, validationLoss: 2.5);
        progress.Report(2, 1.0, 1.0, validationLoss: 1.5);

        var curves = progress.History.Curves();

        Assert.Equal(2, curves.Count);
        var loss = Plotly.NET.GenericChart.toJson(curves[0]);
        Assert.Contains("\"name\":\"training\"", loss, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"validation\"", loss, StringComparison.Ordinal);
        Assert.Contains("RMSE per epoch", Plotly.NET.GenericChart.toJson(curves[1]), StringComparison.Ordinal);
    }
}
