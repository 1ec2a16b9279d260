using System.Diagnostics;
using AIStudio.Extensions.Training.Progress;
using Microsoft.ML;

namespace AIStudio.Extensions.Training.MlNet;

/// <summary>
/// Trains an ML.NET pipeline with a live display: ML.NET trainers have no epochs to count, so it shows the stage the
/// pipeline is in and the trainer's own latest messages (ML.NET's log) with the elapsed time, then how long it took.
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
}
