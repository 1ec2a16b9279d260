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

    public LocalKernelProcess Process { get; } = process;

    /// <summary>Where the hub calls it: the connection's shell port on loopback (relayed to its Unix socket when it has no network).</summary>
    public Uri BaseAddress { get; } = new($"http://{process.Connection.IP}:{process.Connection.ShellPort}/");

    /// <summary>The random key the process answers to (the connection file's), sent in every request.</summary>
    public string Key => Process.Connection.Key;

    public string WorkDirectory { get; } = workDirectory;

    public int? ProcessId => Process.ProcessId;

    public bool HasExited => Process.Exited.IsCompleted;

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
