using System.Diagnostics;
using AIStudio.Extensions.Training.Progress;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML;

namespace AIStudio.Extensions.Training.MlNet;

/// <summary>
/// ML.NET training with a live display. <see cref="Fit"/> trains any pipeline and shows the trainer's own latest
/// messages (ML.NET's log) with the elapsed time: most trainers have no epochs to count. <see cref="FitMulticlass"/>
/// trains a multiclass classifier epoch by epoch (L-BFGS maximum entropy, warm-started from the previous epoch's
/// weights), with the progress bar, log-loss, accuracy and ETA of <see cref="TrainingProgress"/> and the curves after.
/// </summary>
public static class MlNetTraining
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Fits <paramref name="pipeline"/> on <paramref name="data"/>, showing progress while it runs.</summary>
    public static TTransformer Fit<TTransformer>(MLContext ml, IEstimator<TTransformer> pipeline, IDataView data, string? title = null)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(data);
        var status = new MlNetStatus(title ?? "Training " + pipeline.GetType().Name.Split('`')[0], TimeSpan.Zero, "starting", Finished: false);
        var display = LiveDisplay.Show(status);
        var clock = Stopwatch.StartNew();
        var lastShown = TimeSpan.Zero;
        var gate = new Lock();

        void Show(MlNetStatus next, bool force)
        {
            lock (gate)
            {
                if (!force && clock.Elapsed - lastShown < MinimumInterval)
                {
                    return;
                }

                lastShown = clock.Elapsed;
                status = next;
                display.Update(next);
            }
        }

        void OnLog(object? sender, LoggingEventArgs e)
        {
            if (e.Kind is Microsoft.ML.Runtime.ChannelMessageKind.Info or Microsoft.ML.Runtime.ChannelMessageKind.Warning && !string.IsNullOrWhiteSpace(e.RawMessage))
            {
                Show(status with { Elapsed = clock.Elapsed, Message = $"{e.Source}: {e.RawMessage.Trim()}" }, force: false);
            }
        }

        ml.Log += OnLog;
        try
        {
            var model = pipeline.Fit(data);
            Show(status with { Elapsed = clock.Elapsed, Message = "trained", Finished = true }, force: true);
            return model;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Show(status with { Elapsed = clock.Elapsed, Message = "failed: " + e.Message, Finished = true }, force: true);
            throw;
        }
        finally
        {
            ml.Log -= OnLog;
        }
    }

    /// <summary>
    /// Trains a multiclass classifier in <paramref name="epochs"/> rounds of <paramref name="iterationsPerEpoch"/> L-BFGS
    /// iterations, each starting from the last round's weights, and reports each round's log-loss and accuracy (micro),
    /// on <paramref name="validation"/> too when given. <paramref name="train"/> needs a key-typed label column and a
    /// vector of Single features (e.g. after <c>MapValueToKey</c> and <c>Concatenate</c>).
    /// </summary>
    public static (MulticlassPredictionTransformer<MaximumEntropyModelParameters> Model, TrainingHistory History) FitMulticlass(
        MLContext ml,
        IDataView train,
        int epochs,
        IDataView? validation = null,
        int iterationsPerEpoch = 10,
        string labelColumn = "Label",
        string featureColumn = "Features",
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterationsPerEpoch, 1);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = featureColumn,
            MaximumNumberOfIterations = iterationsPerEpoch,
            // Each round runs its iterations: a round that stopped at the tolerance would leave nothing for the next.
            OptimizationTolerance = 1e-12f,
        });
        using var progress = TrainingProgress.Start(epochs, title ?? "Multiclass classifier (L-BFGS maximum entropy)", metric: "accuracy");
        MulticlassPredictionTransformer<MaximumEntropyModelParameters>? model = null;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            model = model is null ? trainer.Fit(train) : trainer.Fit(train, model.Model);
            var trained = ml.MulticlassClassification.Evaluate(model.Transform(train), labelColumn);
            var validated = validation is null ? null : ml.MulticlassClassification.Evaluate(model.Transform(validation), labelColumn);
            progress.Report(epoch, trained.LogLoss, trained.MicroAccuracy, validated?.LogLoss, validated?.MicroAccuracy);
        }

        progress.Complete();
        return (model!, progress.History);
    }
}
