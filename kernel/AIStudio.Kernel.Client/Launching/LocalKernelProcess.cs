using System.Diagnostics;
using AIStudio.Kernel.Protocol.Connection;
using Microsoft.Extensions.Logging;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>A kernel started by <see cref="LocalProcessLauncher"/>: one local process (and whatever it starts).</summary>
public sealed partial class LocalKernelProcess : ILaunchedKernel
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly int _linesKept;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<IAsyncDisposable> _relays;
    private int _disposed;

    internal LocalKernelProcess(string id, ConnectionInfo connection, string connectionFile, Process process, ILogger logger, int linesKept,
        IReadOnlyList<IAsyncDisposable>? relays = null, KernelCgroup? cgroup = null)
    {
        _relays = relays ?? [];
        Cgroup = cgroup;
        Id = id;
        Connection = connection;
        ConnectionFile = connectionFile;
        _process = process;
        _logger = logger;
        _linesKept = linesKept;
        ProcessId = process.Id;

        process.ErrorDataReceived += (_, e) => OnOutput("stderr", e.Data);
        process.OutputDataReceived += (_, e) => OnOutput("stdout", e.Data);
        process.Exited += (_, _) => OnExited();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (process.HasExited)
        {
            OnExited();
        }
    }

    public string Id { get; }

    public ConnectionInfo Connection { get; }

    /// <summary>The connection file the kernel was started with (deleted on dispose).</summary>
    public string ConnectionFile { get; }

    public int? ProcessId { get; }

    /// <summary>The control group holding the kernel's limits, when it was started with some; removed when the kernel exits.</summary>
    public KernelCgroup? Cgroup { get; }

    public Task Exited => _exited.Task;

    public int? ExitCode { get; private set; }

    /// <summary>The kernel's last lines of stderr and stdout, each prefixed with its stream's name: for diagnostics.</summary>
    public IReadOnlyList<string> RecentOutput
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public ValueTask<bool> HasExitedAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_exited.Task.IsCompleted || _process.HasExited);

    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (!_exited.Task.IsCompleted)
        {
            try
            {
                // The whole tree: a kernel's children (a compiler server, a tool) must not outlive it.
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in the meantime.
            }
        }

        await _exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SignalInterruptAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_exited.Task.IsCompleted)
        {
            throw new InvalidOperationException($"Kernel {Id} has exited; there is nothing to interrupt.");
        }

        PosixSignals.Send(_process.Id, PosixSignals.SigInt);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await KillAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogNotExited(_logger, Id);
        }

        LocalProcessLauncher.TryDelete(ConnectionFile);
        _process.Dispose();
    }

    private void OnOutput(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        LogOutput(_logger, Id, stream, line);
        lock (_output)
        {
            _output.Enqueue(stream + ": " + line);
            while (_output.Count > _linesKept)
            {
                _output.Dequeue();
            }
        }
    }

    private void OnExited()
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        try
        {
            // WaitForExit() with no timeout also waits for the redirected output to be read to its end.
            _process.WaitForExit();
            ExitCode = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
        }

        LogExited(_logger, Id, ExitCode);
        // The ports and links go with the process (before anyone waiting for the exit starts a new one on them).
        foreach (var relay in _relays)
        {
            relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Cgroup?.Dispose();
        _exited.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} {Stream}: {Line}")]
    private static partial void LogOutput(ILogger logger, string kernelId, string stream, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} exited with code {ExitCode}.")]
    private static partial void LogExited(ILogger logger, string kernelId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernel {KernelId} did not exit within 10 s of being killed.")]
    private static partial void LogNotExited(ILogger logger, string kernelId);
}
