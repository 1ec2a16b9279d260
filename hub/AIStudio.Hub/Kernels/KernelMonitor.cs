using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// Watches the running kernels: pings each one's heartbeat every <see cref="HubOptions.HeartbeatInterval"/> and reports
/// a kernel whose process lives but misses <see cref="HubOptions.HeartbeatMisses"/> pings in a row as dead (a process that
/// exits is reported at once by its kernel); and shuts down kernels idle longer than <see cref="HubOptions.CullIdleTimeout"/>
/// with no client connected, as JupyterHub's idle culler does.
/// </summary>
public sealed partial class KernelMonitor(KernelRegistry kernels, HubOptions options, TimeProvider time, ILogger<KernelMonitor> logger) : BackgroundService
{
    private readonly Dictionary<string, int> _misses = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var running = kernels.All;
                await Task.WhenAll(running.Select(k => CheckAsync(k, stoppingToken))).ConfigureAwait(false);
                foreach (var gone in _misses.Keys.Except(running.Select(k => k.Id), StringComparer.Ordinal).ToArray())
                {
                    _misses.Remove(gone);
                }

                await CullAsync(running).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(ManagedKernel kernel, CancellationToken cancellationToken)
    {
        if (kernel.State is not (KernelState.Idle or KernelState.Busy))
        {
            return;
        }

        bool alive;
        try
        {
            alive = await kernel.Connection.HeartbeatAsync(options.HeartbeatInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return; // stopped meanwhile
        }

        lock (_misses)
        {
            var misses = alive ? 0 : _misses.GetValueOrDefault(kernel.Id) + 1;
            _misses[kernel.Id] = misses;
            if (misses < options.HeartbeatMisses)
            {
                return;
            }
        }

        kernel.MarkUnresponsive();
    }

    private async Task CullAsync(IReadOnlyCollection<ManagedKernel> running)
    {
        if (options.CullIdleTimeout <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var kernel in running.Where(k => k.Connections == 0 && k.State is KernelState.Idle or KernelState.Dead && now - k.LastActivity > options.CullIdleTimeout))
        {
            LogCulling(logger, kernel.Id, kernel.Owner.UserName, (now - kernel.LastActivity).TotalSeconds);
            await kernels.StopAsync(kernel.Id, "culler").ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Culling kernel {KernelId} of {User}: idle for {Seconds:0} s with no client connected.")]
    private static partial void LogCulling(ILogger logger, string kernelId, string user, double seconds);
}
