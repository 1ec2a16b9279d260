using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// One kernel the hub runs: its process (replaced on restart, on the same ports and key), the hub's own ZeroMQ connection
/// to it (which follows iopub status into <see cref="State"/>), its last activity and how many WebSockets are attached.
/// </summary>
public sealed partial class ManagedKernel : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GracefulShutdown = TimeSpan.FromSeconds(3);

    private readonly LocalProcessLauncher _launcher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
#pragma warning disable CA2213 // Never disposed: WebSockets may still link to its token after the kernel stopped; it has no timer.
    private readonly CancellationTokenSource _stopping = new();
#pragma warning restore CA2213
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private LocalKernelProcess _process;
    private KernelState _state = KernelState.Starting;
    private DateTimeOffset _lastActivity;
    private int _connections;
    private Task _ready;
    private MessageSubscription? _iopub;
    private readonly ParkedClientLinks _parked;
    private ClientLink? _spare;
    private int _disposed;
    private KernelLaunchRequest _launch = null!;

    private ManagedKernel(KernelSpec spec, LocalKernelProcess process, string workingDirectory, LocalProcessLauncher launcher, TimeProvider time, ILogger logger)
    {
        Spec = spec;
        _process = process;
        WorkingDirectory = workingDirectory;
        _launcher = launcher;
        _time = time;
        _parked = new ParkedClientLinks(time);
        _logger = logger;
        _lastActivity = time.GetUtcNow();
        StartedAt = _lastActivity;
        MeteredUntil = _lastActivity;
        Connection = new KernelConnection(process.Connection, new KernelConnectionOptions { Logger = logger, Username = "hub" });
        _ready = Task.CompletedTask;
        Stopping = _stopping.Token;
    }

    public string Id => _process.Id;

    public string Name => Spec.Name ?? "";

    public KernelSpec Spec { get; }

    public string WorkingDirectory { get; private set; }

    /// <summary>Whose kernel this is (set by the registry when it starts it); every API filters kernels by it.</summary>
    public KernelOwner Owner { get; internal set; } = KernelOwner.Nobody;

    /// <summary>The token this kernel calls the hub with, revoked when it stops; null when it has none.</summary>
    internal KernelHubAccess? HubAccess { get; set; }

    /// <summary>When the kernel started (or, for a kernel from the warm pool, was given to its owner).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Up to when its run time has been booked as usage.</summary>
    internal DateTimeOffset MeteredUntil { get; set; }

    /// <summary>The hub's own connection to the kernel (status tracking, interrupt, restart).</summary>
    public KernelConnection Connection { get; }

    /// <summary>The current kernel process.</summary>
    public LocalKernelProcess Process
    {
        get
        {
            lock (_lock)
            {
                return _process;
            }
        }
    }

    public KernelState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public DateTimeOffset LastActivity
    {
        get
        {
            lock (_lock)
            {
                return _lastActivity;
            }
        }
    }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Fires when the kernel is being stopped for good: attached WebSockets close.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Completes when the kernel (as last started) answers kernel_info; faults when it died first or took too long.</summary>
    public Task Ready
    {
        get
        {
            lock (_lock)
            {
                return _ready;
            }
        }
    }

    /// <summary>Raised (outside any lock) after every state change, with the old and new state.</summary>
    public event Action<ManagedKernel, KernelState, KernelState>? StateChanged;

    /// <summary>Starts the kernel the request describes (spec, working directory, environment, writable paths); restarts reuse it.</summary>
    internal static async Task<ManagedKernel> StartAsync(KernelLaunchRequest request, LocalProcessLauncher launcher, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var process = await launcher.StartProcessAsync(request, cancellationToken).ConfigureAwait(false);
        var kernel = new ManagedKernel(request.Spec, process, request.WorkingDirectory!, launcher, time, logger) { _launch = request };
        kernel._iopub = kernel.Connection.Subscribe(kernel.FollowIOPub);
        kernel.WatchExit(process);
        lock (kernel._lock)
        {
            kernel._ready = kernel.BecomeReadyAsync(process);
        }

        kernel.ObserveReady(kernel._ready);
        return kernel;
    }

    /// <summary>Notes activity (a message from a client or the kernel).</summary>
    public void Touch()
    {
        lock (_lock)
        {
            _lastActivity = _time.GetUtcNow();
        }
    }

    /// <summary>Reports a kernel whose process lives but no longer answers its heartbeat as dead (it can be restarted).</summary>
    internal void MarkUnresponsive()
    {
        if (TryMove(KernelState.Dead))
        {
            LogUnresponsive(_logger, Id);
        }
    }

    internal void Attach() => Interlocked.Increment(ref _connections);

    internal void Detach() => Interlocked.Decrement(ref _connections);

    /// <summary>Interrupts the running cell, as the kernelspec's interrupt_mode says.</summary>
    public async Task InterruptAsync(CancellationToken cancellationToken)
    {
        if (State is KernelState.Dead or KernelState.Stopping)
        {
            throw new InvalidOperationException($"Kernel {Id} is {KernelStates.ToExecutionState(State)}; there is nothing to interrupt.");
        }

        if (Spec.InterruptMode == KernelSpec.InterruptModeMessage)
        {
            await Connection.InterruptAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Process.SignalInterruptAsync(cancellationToken).ConfigureAwait(false);
        }

        LogInterrupted(_logger, Id);
    }

    /// <summary>Stops the process (shutdown_request, then kill) and starts it again on the same ports and key; returns when it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!TryMove(KernelState.Restarting))
            {
                throw new InvalidOperationException($"Kernel {Id} is {KernelStates.ToExecutionState(State)} and cannot be restarted.");
            }

            var old = Process;
            await ShutdownProcessAsync(old, restart: true).ConfigureAwait(false);
            var process = await _launcher.StartProcessAsync(
                _launch with { WorkingDirectory = WorkingDirectory, Connection = old.Connection, KernelId = Id },
                cancellationToken).ConfigureAwait(false);
            Task ready;
            lock (_lock)
            {
                _process = process;
                _ready = ready = BecomeReadyAsync(process);
            }

            WatchExit(process);
            ObserveReady(ready);
            LogRestarted(_logger, Id, process.ProcessId);
            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the kernel for good: shutdown_request, a kill after a grace period, the connection closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // First, so that a restart in progress gives up instead of holding the stop back.
        ForceMove(KernelState.Stopping);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await ShutdownProcessAsync(Process, restart: false).ConfigureAwait(false);
            _iopub?.Dispose();
            if (Interlocked.Exchange(ref _spare, null) is { } spare)
            {
                await spare.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var link in _parked.CloseAndTakeAll())
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }

        LogStopped(_logger, Id);
    }

    private async Task ShutdownProcessAsync(LocalKernelProcess process, bool restart)
    {
        if (!process.Exited.IsCompleted)
        {
            using var grace = new CancellationTokenSource(GracefulShutdown, _time);
            try
            {
                await Connection.ShutdownAsync(restart, grace.Token).ConfigureAwait(false);
                await process.Exited.WaitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogShutdownIgnored(_logger, Id);
            }
        }

        // Kills what is left (the whole process tree) and deletes the connection file.
        await process.DisposeAsync().ConfigureAwait(false);
    }

    private async Task BecomeReadyAsync(LocalKernelProcess process)
    {
        using var timeout = new CancellationTokenSource(ReadyTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        var ready = Connection.WaitForReadyAsync(linked.Token);
        var first = await Task.WhenAny(ready, process.Exited).ConfigureAwait(false);
        if (first != ready)
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Kernel {Id} exited (code {process.ExitCode}) before it answered: {string.Join(" | ", process.RecentOutput.TakeLast(5))}");
        }

        await ready.ConfigureAwait(false);
        lock (_lock)
        {
            if (!ReferenceEquals(process, _process))
            {
                return;
            }
        }

        if (State is KernelState.Starting or KernelState.Restarting)
        {
            TryMove(KernelState.Idle);
        }
    }

    private void ObserveReady(Task ready) =>
        _ = ready.ContinueWith(
            t => LogNotReady(_logger, Id, t.Exception?.GetBaseException().Message),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void WatchExit(LocalKernelProcess process) =>
        _ = process.Exited.ContinueWith(
            _ =>
            {
                lock (_lock)
                {
                    if (!ReferenceEquals(process, _process) || _state is KernelState.Restarting or KernelState.Stopping)
                    {
                        return;
                    }
                }

                LogDied(_logger, Id, process.ExitCode);
                TryMove(KernelState.Dead);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Keeps a client's link after its WebSocket dropped, buffering, until it reconnects with the same session_id or <paramref name="keep"/> passes.</summary>
    internal void Park(string sessionId, ClientLink link, TimeSpan keep) => _parked.Park(sessionId, link, keep);

    /// <summary>The parked link of a reconnecting client, or null.</summary>
    internal ClientLink? TakeParked(string sessionId) => _parked.Take(sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel {KernelId} died (exit code {ExitCode}).")]
    private static partial void LogDied(ILogger logger, string kernelId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel {KernelId} did not become ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string kernelId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} interrupted.")]
    private static partial void LogInterrupted(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} restarted as process {ProcessId}.")]
    private static partial void LogRestarted(ILogger logger, string kernelId, int? processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} stopped.")]
    private static partial void LogStopped(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel {KernelId} stopped answering its heartbeat: reported dead (restart it to go on).")]
    private static partial void LogUnresponsive(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} did not shut down when asked; killing it.")]
    private static partial void LogShutdownIgnored(ILogger logger, string kernelId);
}
