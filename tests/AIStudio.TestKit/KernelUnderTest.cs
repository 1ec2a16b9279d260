using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using Microsoft.Extensions.Logging;

namespace AIStudio.TestKit;

/// <summary>
/// A real kernel process started through <see cref="LocalProcessLauncher"/> in a temporary working directory, with a
/// connection that has waited until the kernel answers. Disposing closes the connection and kills the process tree.
/// </summary>
public sealed class KernelUnderTest : IAsyncDisposable
{
    private KernelUnderTest(KernelSpec spec, LocalProcessLauncher launcher, TempDirectory directory, TestLog log)
    {
        Spec = spec;
        Launcher = launcher;
        Directory = directory;
        Log = log;
    }

    public KernelSpec Spec { get; }

    public LocalProcessLauncher Launcher { get; }

    /// <summary>The kernel's working directory; the runtime directory (connection files) is inside it too.</summary>
    public TempDirectory Directory { get; }

    /// <summary>The launcher's, the kernel's (stderr, stdout) and the connection's log lines.</summary>
    public TestLog Log { get; }

    public LocalKernelProcess Process { get; private set; } = null!;

    public KernelConnection Connection { get; private set; } = null!;

    /// <summary>Starts this repository's kernel (built with the tests) and waits until it answers.</summary>
    public static Task<KernelUnderTest> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(TestKernelSpecs.AIStudio(), cancellationToken);

    /// <summary>Starts the kernel a spec describes and waits until it answers.</summary>
    public static async Task<KernelUnderTest> StartAsync(KernelSpec spec, CancellationToken cancellationToken = default)
    {
        var kernel = await LaunchAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            await kernel.WaitForReadyAsync(kernel.Connection, cancellationToken).ConfigureAwait(false);
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the process and connects, without waiting for the kernel to answer (the connection is made first, so no iopub message is missed once the kernel binds late enough).</summary>
    public static async Task<KernelUnderTest> LaunchAsync(KernelSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var log = new TestLog();
        var directory = new TempDirectory("aistudio-kernel");
        var launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = directory.Combine(".runtime") }, log);
        var kernel = new KernelUnderTest(spec, launcher, directory, log);
        try
        {
            await kernel.LaunchAsync(connection: null, cancellationToken).ConfigureAwait(false);
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A second connection to the same kernel (a new session and identity).</summary>
    public KernelConnection Connect() => new(Process.Connection, new KernelConnectionOptions { Logger = Log.CreateLogger("Connection") });

    /// <summary>Waits until the kernel answers on a connection, failing at once, with the kernel's output, if the process exits.</summary>
    public async Task WaitForReadyAsync(KernelConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeouts.Ready);
        var ready = connection.WaitForReadyAsync(timeout.Token);
        var first = await Task.WhenAny(ready, Process.Exited).ConfigureAwait(false);
        if (first != ready)
        {
            throw new InvalidOperationException($"The kernel exited (code {Process.ExitCode}) before it answered kernel_info.\n{Diagnostics()}");
        }

        try
        {
            await ready.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The kernel did not answer kernel_info within {Timeouts.Ready.TotalSeconds} s.\n{Diagnostics()}");
        }
    }

    /// <summary>
    /// Starts the kernel process again on the same ports and key (what a kernel manager does after a restart in which the
    /// old process exited), replacing <see cref="Process"/> and <see cref="Connection"/>, and waits until it answers.
    /// </summary>
    public async Task RelaunchAsync(CancellationToken cancellationToken = default)
    {
        var connection = Process.Connection;
        await Connection.DisposeAsync().ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
        await LaunchAsync(connection, cancellationToken).ConfigureAwait(false);
        await WaitForReadyAsync(Connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces <see cref="Connection"/> with a fresh one (what a client does after a restart), and waits until the kernel answers.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken = default)
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        Connection = Connect();
        await WaitForReadyAsync(Connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The kernel's last output lines and the log, for assertion messages.</summary>
    public string Diagnostics() =>
        $"--- kernel output (last lines) ---\n{string.Join('\n', Process?.RecentOutput ?? [])}\n--- log ---\n{Log}";

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }

        if (Process is not null)
        {
            await Process.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Dispose();
        Log.Dispose();
    }

    private async Task LaunchAsync(AIStudio.Kernel.Protocol.Connection.ConnectionInfo? connection, CancellationToken cancellationToken)
    {
        var request = new KernelLaunchRequest
        {
            Spec = Spec,
            WorkingDirectory = Directory.Path,
            Connection = connection,
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                // Keep the kernel's own telemetry and first-run banners out of test runs.
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            },
        };
        Process = await Launcher.StartProcessAsync(request, cancellationToken).ConfigureAwait(false);
        Connection = Connect();
    }
}
