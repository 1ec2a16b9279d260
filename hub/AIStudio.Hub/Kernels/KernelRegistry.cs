using System.Collections.Concurrent;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// The kernels the hub runs, by id: starts them through <see cref="LocalProcessLauncher"/> with a kernelspec of the
/// catalog, stops them on request and every one of them when the hub stops (no orphan processes).
/// </summary>
public sealed partial class KernelRegistry : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ManagedKernel> _kernels = new(StringComparer.Ordinal);
    private readonly KernelSpecCatalog _catalog;
    private readonly LocalProcessLauncher _launcher;
    private readonly ContentsStore _contents;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private int _disposed;

    public KernelRegistry(HubOptions options, KernelSpecCatalog catalog, ContentsStore contents, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _catalog = catalog;
        _contents = contents;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KernelRegistry>();
        _launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = options.RuntimeDirectory, TimeProvider = time }, loggerFactory);
    }

    public IReadOnlyCollection<ManagedKernel> All => [.. _kernels.Values];

    public ManagedKernel? Find(string id) => _kernels.TryGetValue(id, out var kernel) ? kernel : null;

    /// <summary>Starts a kernel of the named spec (the default when null), in the directory of <paramref name="path"/> in the contents.</summary>
    public async Task<ManagedKernel> StartAsync(string? name, string? path, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        name ??= KernelSpecCatalog.DefaultName;
        var spec = _catalog.Find(name) ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such kernel spec: {name}");
        if (spec.Argv.Count > 1 && spec.Argv[1].EndsWith(".dll", StringComparison.Ordinal) && !File.Exists(spec.Argv[1]))
        {
            throw new HubApiException(StatusCodes.Status503ServiceUnavailable, $"The kernel is not built: {spec.Argv[1]} is missing.");
        }

        var workingDirectory = _contents.WorkingDirectoryFor(path);
        var kernel = await ManagedKernel.StartAsync(spec, workingDirectory, _launcher, _time, _loggerFactory.CreateLogger("AIStudio.Hub.Kernels.Kernel"), cancellationToken).ConfigureAwait(false);
        _kernels[kernel.Id] = kernel;
        LogStarted(_logger, kernel.Id, name, kernel.Process.ProcessId);
        return kernel;
    }

    /// <summary>Stops and forgets a kernel; false when there is none with that id.</summary>
    public async Task<bool> StopAsync(string id)
    {
        if (!_kernels.TryRemove(id, out var kernel))
        {
            return false;
        }

        await kernel.DisposeAsync().ConfigureAwait(false);
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

        var stops = _kernels.Keys.Select(StopAsync).ToArray();
        await Task.WhenAll(stops).ConfigureAwait(false);
        LogAllStopped(_logger, stops.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} ({Name}) started as process {ProcessId}.")]
    private static partial void LogStarted(ILogger logger, string kernelId, string name, int? processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} kernels at hub shutdown.")]
    private static partial void LogAllStopped(ILogger logger, int count);
}
