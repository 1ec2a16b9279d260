using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// One ONNX Runtime session per deployed version, created on the first request to it (after an upload or a hub restart)
/// and reused by every later one; disposed when the deployment is deleted or the hub stops.
/// </summary>
public sealed partial class DeploymentSessions(ILogger<DeploymentSessions> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Deployment, int Version), Lazy<LoadedModel>> _models = new();

    /// <summary>
    /// Options for every session: one thread per request inside ONNX Runtime. Requests run side by side on the hub's
    /// threads, so a pool of threads per session would only compete with them for the cores.
    /// </summary>
    public static Microsoft.ML.OnnxRuntime.SessionOptions NewOptions() => new()
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>The version's model with a reference taken for the caller, who must <see cref="LoadedModel.Release"/> it.</summary>
    public LoadedModel Acquire(string deploymentId, ServedVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var key = (deploymentId, version.Number);
        while (true)
        {
            var lazy = _models.TryGetValue(key, out var found) ? found
                : _models.GetOrAdd(key, _ => new Lazy<LoadedModel>(() => Load(deploymentId, version), LazyThreadSafetyMode.ExecutionAndPublication));
            LoadedModel model;
            try
            {
                model = lazy.Value;
            }
            catch (Exception)
            {
                // Not cached: the next request tries again (the file may have been restored).
                _models.TryRemove(new KeyValuePair<(string, int), Lazy<LoadedModel>>(key, lazy));
                throw;
            }

            if (model.TryAcquire())
            {
                return model;
            }

            // Retired between lookup and use (the deployment was deleted, or re-created under the same id): look again.
            _models.TryRemove(new KeyValuePair<(string, int), Lazy<LoadedModel>>(key, lazy));
        }
    }

    /// <summary>Disposes the sessions of a deleted deployment (each as soon as its last request is done).</summary>
    public void Remove(string deploymentId)
    {
        foreach (var key in _models.Keys.Where(k => k.Deployment == deploymentId).ToArray())
        {
            if (_models.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Retire();
            }
        }
    }

    public int Count => _models.Count(m => m.Value.IsValueCreated);

    public void Dispose()
    {
        foreach (var key in _models.Keys.ToArray())
        {
            if (_models.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Retire();
            }
        }
    }

    private LoadedModel Load(string deploymentId, ServedVersion version)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var options = NewOptions();
        var session = new InferenceSession(version.ModelPath, options);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogLoaded(logger, deploymentId, version.Number, elapsed.TotalMilliseconds);
        return new LoadedModel(session);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version}: ONNX Runtime session created in {Milliseconds:0} ms.")]
    private static partial void LogLoaded(ILogger logger, string deployment, int version, double milliseconds);
}
