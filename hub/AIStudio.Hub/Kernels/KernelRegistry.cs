using System.Collections.Concurrent;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.Plans;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// The kernels the hub runs, by id, each with its owner: starts them through <see cref="LocalProcessLauncher"/> with a
/// kernelspec of the catalog, books their run time when they stop, audits starts and stops, and stops every one of them
/// when the hub stops (no orphan processes). Callers see only their own kernels (<see cref="FindOwned"/>, <see cref="OwnedBy"/>).
/// </summary>
public sealed partial class KernelRegistry : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ManagedKernel> _kernels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ManagedKernel> _warm = new();
    private readonly HubOptions _options;
    private int _warming;
    private readonly KernelSpecCatalog _catalog;
    private readonly LocalProcessLauncher _launcher;
    private readonly UsageMeter _usage;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private int _disposed;

    public KernelRegistry(HubOptions options, KernelSpecCatalog catalog, UsageMeter usage, AuditLog audit, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _catalog = catalog;
        _usage = usage;
        _audit = audit;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KernelRegistry>();
        _launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = options.RuntimeDirectory, TimeProvider = time }, loggerFactory);
    }

    public IReadOnlyCollection<ManagedKernel> All => [.. _kernels.Values];

    public ManagedKernel? Find(string id) => _kernels.TryGetValue(id, out var kernel) ? kernel : null;

    /// <summary>The kernel with that id when it belongs to the user; null otherwise (another user's kernel does not exist for them).</summary>
    public ManagedKernel? FindOwned(string id, string userId) => Find(id) is { } kernel && kernel.Owner.UserId == userId ? kernel : null;

    /// <summary>The user's kernels.</summary>
    public IReadOnlyList<ManagedKernel> OwnedBy(string userId) => [.. _kernels.Values.Where(k => k.Owner.UserId == userId)];

    /// <summary>Resolves a spec by name (the default when null); 404 when there is none, 503 when the kernel is not built.</summary>
    public KernelSpec Spec(string? name)
    {
        name ??= KernelSpecCatalog.DefaultName;
        var spec = _catalog.Find(name) ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such kernel spec: {name}");
        if (spec.Argv.Count > 1 && spec.Argv[1].EndsWith(".dll", StringComparison.Ordinal) && !File.Exists(spec.Argv[1]))
        {
            throw new HubApiException(StatusCodes.Status503ServiceUnavailable, $"The kernel is not built: {spec.Argv[1]} is missing.");
        }

        return spec;
    }

    /// <summary>Kernels started and warmed for the next sessions (not anyone's yet).</summary>
    public int WarmCount => _warm.Count;

    /// <summary>
    /// Starts a kernel of the spec for its owner, in <paramref name="workingDirectory"/>: one from the warm pool when the
    /// spec is the default and one is ready (moved to the directory), else a new process.
    /// </summary>
    public async Task<ManagedKernel> StartAsync(KernelOwner owner, KernelSpec spec, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var kernel = await TakeWarmAsync(spec, workingDirectory, cancellationToken).ConfigureAwait(false)
            ?? await ManagedKernel.StartAsync(spec, workingDirectory, _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), cancellationToken).ConfigureAwait(false);
        kernel.Claim(owner);
        _kernels[kernel.Id] = kernel;
        FillPool();
        LogStarted(_logger, kernel.Id, kernel.Name, kernel.Process.ProcessId, owner.UserName);
        await _audit.RecordAsync(owner.UserName, AuditActions.KernelStarted, kernel.Id, owner.OrganizationId, kernel.Name).ConfigureAwait(false);
        return kernel;
    }

    /// <summary>Stops and forgets a kernel, booking its run time; false when there is none with that id.</summary>
    public async Task<bool> StopAsync(string id, string? actor = null)
    {
        if (!_kernels.TryRemove(id, out var kernel))
        {
            return false;
        }

        await kernel.DisposeAsync().ConfigureAwait(false);
        await _usage.BookAsync(kernel).ConfigureAwait(false);
        await _audit.RecordAsync(actor ?? AuditLog.System, AuditActions.KernelStopped, kernel.Id, kernel.Owner.OrganizationId,
            $"{kernel.Name} of {kernel.Owner.UserName}, ran {(_time.GetUtcNow() - kernel.StartedAt).TotalSeconds:0} s").ConfigureAwait(false);
        return true;
    }

    /// <summary>A ready kernel from the pool, moved to the directory; null when the pool has none for this spec.</summary>
    private async Task<ManagedKernel?> TakeWarmAsync(KernelSpec spec, string workingDirectory, CancellationToken cancellationToken)
    {
        if (spec.Name != KernelSpecCatalog.DefaultName)
        {
            return null;
        }

        while (_warm.TryDequeue(out var kernel))
        {
            if (kernel.State is KernelState.Idle or KernelState.Busy)
            {
                try
                {
                    await kernel.MoveToAsync(workingDirectory, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Starts kernels in the background until the pool holds <see cref="HubOptions.WarmKernels"/> (counting those starting).</summary>
    private void FillPool()
    {
        while (Volatile.Read(ref _disposed) == 0 && _warm.Count + Volatile.Read(ref _warming) < _options.WarmKernels)
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
            var kernel = await ManagedKernel.StartAsync(spec, directory, _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), CancellationToken.None).ConfigureAwait(false);
            try
            {
                await kernel.Ready.ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
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

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        FillPool();
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var stops = _kernels.Keys.Select(id => StopAsync(id)).ToArray();
        var warm = new List<ManagedKernel>();
        while (_warm.TryDequeue(out var kernel))
        {
            warm.Add(kernel);
        }

        await Task.WhenAll([.. stops, .. warm.Select(k => k.DisposeAsync().AsTask())]).ConfigureAwait(false);
        LogAllStopped(_logger, stops.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} ({Name}) started as process {ProcessId} for {User}.")]
    private static partial void LogStarted(ILogger logger, string kernelId, string name, int? processId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} taken from the warm pool.")]
    private static partial void LogTakenWarm(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm kernel {KernelId} could not be used: {Reason}")]
    private static partial void LogWarmUnusable(ILogger logger, string kernelId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} kernels at hub shutdown.")]
    private static partial void LogAllStopped(ILogger logger, int count);
}
