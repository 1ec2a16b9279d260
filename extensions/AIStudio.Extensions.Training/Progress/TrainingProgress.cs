using AIStudio.Extensions.Charts;
using AIStudio.Extensions.Charts.Display;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Training.Progress;

/// <summary>
/// A live progress display for a training loop. In a notebook it is one output that updates in place
/// (<c>update_display_data</c>): a bar, epoch and batch, loss, metric, elapsed time and ETA; when training ends it shows
/// the loss and metric curves below. Outside a notebook it writes a line of text per update.
/// </summary>
/// <example>
/// <code>
/// using var progress = TrainingProgress.Start(epochs: 20, title: "MLP on digits");
/// for (var epoch = 1; epoch &lt;= 20; epoch++) { …; progress.Report(epoch, loss, accuracy); }
/// </code>
/// </example>
public sealed class TrainingProgress : IDisposable
{
    /// <summary>Updates closer together than this are skipped (the last one is always shown): a notebook front-end redraws each.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly LiveDisplay _display;
    private readonly bool _showCurves;
    private readonly Lock _gate = new();
    private ProgressSnapshot _current;
    private long _lastShown;
    private bool _completed;

    private TrainingProgress(int epochs, string title, string metricName, bool showCurves, TimeProvider clock)
    {
        _clock = clock;
        _started = clock.GetTimestamp();
        _showCurves = showCurves;
        History = new TrainingHistory(metricName);
        _current = new ProgressSnapshot { Title = title, Epochs = epochs, Epoch = 0, MetricName = metricName, Elapsed = TimeSpan.Zero };
        _display = LiveDisplay.Show(_current);
        _lastShown = _started;
    }

    /// <summary>Starts showing progress for <paramref name="epochs"/> epochs.</summary>
    /// <param name="epochs">How many epochs the loop will run.</param>
    /// <param name="title">What is being trained, shown above the bar.</param>
    /// <param name="metric">The name the metric passed to <see cref="Report"/> is shown under.</param>
    /// <param name="showCurves">Whether <see cref="Complete"/> draws the loss and metric curves.</param>
    /// <param name="clock">The clock for elapsed time and ETA (tests pass a fake one).</param>
    public static TrainingProgress Start(int epochs, string? title = null, string metric = "accuracy", bool showCurves = true, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        return new TrainingProgress(epochs, string.IsNullOrWhiteSpace(title) ? "Training" : title, metric, showCurves, clock ?? TimeProvider.System);
    }

    public TrainingHistory History { get; }

    /// <summary>What the display shows now.</summary>
    public ProgressSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Records a finished epoch (1-based, in order) and updates the display.</summary>
    public void Report(int epoch, double loss, double? metric = null, double? validationLoss = null, double? validationMetric = null)
    {
        lock (_gate)
        {
            ThrowIfCompleted();
            ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, _current.Epochs);
            var elapsed = _clock.GetElapsedTime(_started);
            History.Add(new EpochRecord(epoch, loss, metric, validationLoss, validationMetric, elapsed));
            _current = _current with
            {
                Epoch = epoch, Batch = 0, Batches = 0, Loss = loss, Metric = metric,
                ValidationLoss = validationLoss, ValidationMetric = validationMetric, Elapsed = elapsed,
            };
            Show(force: epoch == _current.Epochs);
        }
    }

    /// <summary>Moves the bar inside a long epoch: batch <paramref name="batch"/> of <paramref name="batches"/> of the epoch after the last reported one.</summary>
    public void ReportBatch(int batch, int batches, double? loss = null)
    {
        lock (_gate)
        {
            ThrowIfCompleted();
            ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(batch);
            _current = _current with { Batch = Math.Min(batch, batches), Batches = batches, Loss = loss ?? _current.Loss, Elapsed = _clock.GetElapsedTime(_started) };
            Show(force: false);
        }
    }

    /// <summary>Shows the final state and, unless turned off, the curves. Called by <see cref="Dispose"/> if not before.</summary>
    public void Complete() => Finish(failed: false);

    /// <summary>Completes the display; a loop that ended early (an exception, an interrupt) shows as stopped.</summary>
    public void Dispose() => Finish(failed: History.Epochs.Count < _current.Epochs);

    private void Finish(bool failed)
    {
        IReadOnlyList<Plotly.NET.GenericChart> curves;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _current = _current with { Finished = true, Failed = failed, Batch = 0, Batches = 0, Elapsed = _clock.GetElapsedTime(_started) };
            Show(force: true);
            curves = _showCurves ? History.Curves() : [];
        }

        if (_display.InNotebook && curves.Count > 0)
        {
            if (_display.RootKernel is { } kernel)
            {
                ChartsExtension.Load(kernel);
            }

            foreach (var chart in curves)
            {
                chart.Display(HtmlFormatter.MimeType, ChartFormatting.PlotlyJsonMimeType);
            }
        }
    }

    /// <summary>Called under the gate.</summary>
    private void Show(bool force)
    {
        var now = _clock.GetTimestamp();
        if (!force && _clock.GetElapsedTime(_lastShown, now) < MinimumInterval)
        {
            return;
        }

        _lastShown = now;
        _display.Update(_current);
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("This training progress has completed; start a new one for another run.");
        }
    }
}
