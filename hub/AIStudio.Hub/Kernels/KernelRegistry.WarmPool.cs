using AIStudio.Hub.Egress;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// The warm pool: <see cref="HubOptions.WarmKernels"/> default kernels started and warmed up ahead (unsandboxed hubs only),
/// each handed to the next session that needs one, moved to its directory and its owner's variables.
/// </summary>
public sealed partial class KernelRegistry
{
    /// <summary>A ready kernel from the pool, moved to the directory; null when the pool has none for this spec.</summary>
    private async Task<ManagedKernel?> TakeWarmAsync(KernelOwner owner, KernelSpec spec, string workingDirectory, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        // Warm kernels run with the host's network (they exist only unsandboxed, where no plan's network is taken away):
        // a kernel whose network must be less is always a new one, in a namespace of its own.
        if (spec.Name != KernelSpecCatalog.DefaultName || Sandboxed || NetworkFor(owner) != KernelNetwork.Full)
        {
            return null;
        }

        while (_warm.TryDequeue(out var kernel))
        {
            if (kernel.State is KernelState.Idle or KernelState.Busy)
            {
                try
                {
                    await kernel.MoveToAsync(workingDirectory, environment, cancellationToken).ConfigureAwait(false);
                    LogTakenWarm(_logger, kernel.Id);
                    return kernel;
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException)
                {
                    LogWarmUnusable(_logger, kernel.Id, e.Message);
                }
            }

            await kernel.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return null;
    }

    /// <summary>
    /// Refills the pool a moment after a session took from it rather than at once: a kernel starting takes both cores of a
    /// small machine for a second or two, just when the session's owner runs their first cells.
    /// </summary>
    private void RefillPoolSoon()
    {
        if (Sandboxed || _options.WarmKernels == 0)
        {
            return;
        }

        _ = Task.Delay(RefillDelay, _time).ContinueWith(_ => FillPool(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Starts kernels in the background until the pool holds <see cref="HubOptions.WarmKernels"/> (counting those starting).</summary>
    private void FillPool()
    {
        // A sandboxed kernel's writable directories are fixed when it starts, before its owner is known: no pool then.
        while (!Sandboxed && Volatile.Read(ref _disposed) == 0 && _warm.Count + Volatile.Read(ref _warming) < _options.WarmKernels)
        {
            Interlocked.Increment(ref _warming);
            _ = WarmOneAsync();
        }
    }

    private async Task WarmOneAsync()
    {
        try
        {
            var spec = Spec(null);
            var directory = Path.Combine(_options.RuntimeDirectory, "warm");
            Directory.CreateDirectory(directory);
            // Its history goes to a file of its own: whoever gets it must not see another user's history.
            var launch = new KernelLaunchRequest
            {
                Spec = spec,
                WorkingDirectory = directory,
                Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["AISTUDIO_HISTORY_FILE"] = Path.Combine(directory, $"history-{Guid.NewGuid():N}.jsonl"),
                    ["AISTUDIO_LIBTORCH"] = _options.LibTorchDirectory,
                },
                // The strictest plan's limits until someone claims it; then theirs (ManagedKernel.Claim).
                Limits = Plans.PlanCatalog.All[0].KernelLimits,
            };
            var kernel = await ManagedKernel.StartAsync(launch, _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), CancellationToken.None).ConfigureAwait(false);
            try
            {
                using var timeout = new CancellationTokenSource(WarmUpTimeout);
                await kernel.WarmUpAsync(timeout.Token).ConfigureAwait(false);
                await kernel.PrepareSpareLinkAsync(_loggerFactory.CreateLogger<ClientLink>(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or TimeoutException)
            {
                LogWarmUnusable(_logger, kernel.Id, e.Message);
                await kernel.DisposeAsync().ConfigureAwait(false);
                return;
            }

            _warm.Enqueue(kernel);
            if (Volatile.Read(ref _disposed) != 0 && _warm.TryDequeue(out var late))
            {
                await late.DisposeAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // a failed warm start is logged; sessions then start kernels the slow way
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWarmUnusable(_logger, "(new)", e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _warming);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} taken from the warm pool.")]
    private static partial void LogTakenWarm(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm kernel {KernelId} could not be used: {Reason}")]
    private static partial void LogWarmUnusable(ILogger logger, string kernelId, string reason);
}
