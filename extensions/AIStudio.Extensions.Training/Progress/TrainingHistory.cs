using AIStudio.Extensions.Charts;
using Plotly.NET;

namespace AIStudio.Extensions.Training.Progress;

/// <summary>The epochs a training run reported, in order, and the curves drawn from them.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    internal TrainingHistory(string metricName) => MetricName = metricName;

    /// <summary>The name the metric is shown under ("accuracy", "RMSE", …).</summary>
    public string MetricName { get; }

    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    public IReadOnlyList<double> Loss => [.. _epochs.Select(e => e.Loss)];

    public IReadOnlyList<double> ValidationLoss => [.. _epochs.Select(e => e.ValidationLoss ?? double.NaN)];

    public IReadOnlyList<double> Metric => [.. _epochs.Select(e => e.Metric ?? double.NaN)];

    public IReadOnlyList<double> ValidationMetric => [.. _epochs.Select(e => e.ValidationMetric ?? double.NaN)];

    public EpochRecord? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>The loss per epoch (with validation loss when reported) and, when a metric was reported, its curve.</summary>
    public IReadOnlyList<GenericChart> Curves()
    {
        var charts = new List<GenericChart>();
        if (_epochs.Count == 0)
        {
            return charts;
        }

        var hasValidationLoss = _epochs.Any(e => e.ValidationLoss is not null);
        charts.Add(Charts.Charts.LossCurve(Loss, hasValidationLoss ? ValidationLoss : null, "Loss per epoch"));
        if (_epochs.Any(e => e.Metric is not null || e.ValidationMetric is not null))
        {
            var hasValidationMetric = _epochs.Any(e => e.ValidationMetric is not null);
            charts.Add(Charts.Charts.EpochCurve(Metric, hasValidationMetric ? ValidationMetric : null, MetricName, $"{Capitalized(MetricName)} per epoch"));
        }

        return charts;
    }

    internal void Add(EpochRecord record)
    {
        if (_epochs.Count > 0 && record.Epoch <= _epochs[^1].Epoch)
        {
            throw new ArgumentException($"Epoch {record.Epoch} was reported after epoch {_epochs[^1].Epoch}: report each epoch once, in order.", nameof(record));
        }

        _epochs.Add(record);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
