using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// One aistudio-function-host process started by <see cref="FunctionLauncher"/>: the launched process (a kernel's
/// machinery: sandbox, control group, connection file, port relays), the copies of the files it was given (the source,
/// and the kept assembly and its info when there were) and its private working directory. Disposing kills it and
/// removes them.
/// </summary>
public sealed class FunctionProcess(LocalKernelProcess process, IReadOnlyList<string> copies, string workDirectory) : IAsyncDisposable
{
    private int _disposed;

    // Calls in flight; -1 once retired for idleness (no call may start on it then).
    private int _calls;
    private long _lastCall = Environment.TickCount64;

    public LocalKernelProcess Process { get; } = process;

    /// <summary>Where the hub calls it: the connection's shell port on loopback (relayed to its Unix socket when it has no network).</summary>
    public Uri BaseAddress { get; } = new($"http://{process.Connection.IP}:{process.Connection.ShellPort}/");

    /// <summary>The random key the process answers to (the connection file's), sent in every request.</summary>
    public string Key => Process.Connection.Key;

    public string WorkDirectory { get; } = workDirectory;

    public int? ProcessId => Process.ProcessId;

    public bool HasExited => Process.Exited.IsCompleted;

    /// <summary>Counts a call starting on the process; false when it has been retired (<see cref="TryRetire"/>) and must not be used.</summary>
    internal bool TryBeginCall()
    {
        var calls = Volatile.Read(ref _calls);
        while (calls >= 0)
        {
            var seen = Interlocked.CompareExchange(ref _calls, calls + 1, calls);
            if (seen == calls)
            {
                return true;
            }

            calls = seen;
        }

        return false;
    }

    internal void EndCall()
    {
        Volatile.Write(ref _lastCall, Environment.TickCount64);
        Interlocked.Decrement(ref _calls);
    }

    /// <summary>Retires the process when no call is in flight and none ended within <paramref name="idle"/>: no call starts on it any more.</summary>
    internal bool TryRetire(TimeSpan idle)
    {
        if (!IdleFor(idle) || Interlocked.CompareExchange(ref _calls, -1, 0) != 0)
        {
            return false;
        }

        if (IdleFor(idle))
        {
            return true;
        }

        // A call began and ended between the two looks: keep it (no call can have begun since, while it was marked).
        Volatile.Write(ref _calls, 0);
        return false;
    }

    private bool IdleFor(TimeSpan idle) => Environment.TickCount64 - Volatile.Read(ref _lastCall) >= (long)idle.TotalMilliseconds;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Process.DisposeAsync().ConfigureAwait(false);
        try
        {
            foreach (var copy in copies)
            {
                File.Delete(copy);
            }

            if (Directory.Exists(WorkDirectory))
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file the function made read-only, or a mount left behind: the runtime directory is the hub's own, nothing leaks.
        }
    }
}
