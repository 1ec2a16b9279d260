namespace AIStudio.Extensions.Training.Progress;

/// <summary>What one epoch measured: its training loss and metric, and the same on validation data when there is any.</summary>
public sealed record EpochRecord(int Epoch, double Loss, double? Metric, double? ValidationLoss, double? ValidationMetric, TimeSpan Elapsed);
