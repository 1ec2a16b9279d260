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

    /// <summary>Starts a kernel of the spec for its owner, in <paramref name="workingDirectory"/>.</summary>
    public async Task<ManagedKernel> StartAsync(KernelOwner owner, KernelSpec spec, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var kernel = await ManagedKernel.StartAsync(spec, workingDirectory, _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), cancellationToken).ConfigureAwait(false);
        kernel.Owner = owner;
        _kernels[kernel.Id] = kernel;
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

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var stops = _kernels.Keys.Select(id => StopAsync(id)).ToArray();
        await Task.WhenAll(stops).ConfigureAwait(false);
        LogAllStopped(_logger, stops.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} ({Name}) started as process {ProcessId} for {User}.")]
    private static partial void LogStarted(ILogger logger, string kernelId, string name, int? processId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} kernels at hub shutdown.")]
    private static partial void LogAllStopped(ILogger logger, int count);
}
