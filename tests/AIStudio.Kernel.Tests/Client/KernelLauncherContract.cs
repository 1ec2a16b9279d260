using System.Security.Cryptography;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>
/// What every <see cref="IKernelLauncher"/> must do, checked with the real aistudio-kernel: a started kernel answers on
/// the ports and key it was given, each kernel gets its own ports and key, a crash and a kill are seen through
/// <see cref="ILaunchedKernel.Exited"/>, and a kill ends the kernel for good. A launcher (local processes, sandboxed
/// processes, Kubernetes pods) passes by deriving from this class and saying how to make one.
/// </summary>
public abstract class KernelLauncherContract : IDisposable
{
    private readonly TempDirectory _directory = new("aistudio-launcher-contract");

    protected string WorkingDirectory => _directory.Path;

    /// <summary>The launcher under test, writing its runtime files under <paramref name="runtimeDirectory"/>.</summary>
    protected abstract IKernelLauncher CreateLauncher(string runtimeDirectory);

    /// <summary>Whether the launcher's kernels may open network connections (false: only the kernel's own ports are reachable).</summary>
    protected virtual bool KernelHasNetwork => true;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }
    }

    private static KernelSpec Spec() => new()
    {
        Argv = [RepositoryLayout.DotnetHost, RepositoryLayout.KernelAssembly, "--connection-file", "{connection_file}", "--no-history"],
        DisplayName = "C# (launcher contract)",
        Language = "csharp",
        InterruptMode = KernelSpec.InterruptModeMessage,
        Name = "aistudio-csharp-contract",
    };

    private async Task<ILaunchedKernel> StartAsync(CancellationToken cancellationToken)
    {
        var launcher = CreateLauncher(Path.Combine(_directory.Path, "runtime"));
        return await launcher.StartAsync(new KernelLaunchRequest { Spec = Spec(), WorkingDirectory = WorkingDirectory }, cancellationToken);
    }

    [Fact]
    public async Task A_started_kernel_runs_code_on_the_connection_it_was_given_and_a_kill_ends_it()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Exit);
        await using var kernel = await StartAsync(timeout.Token);
        Assert.Matches("^[0-9a-f]{64}$", kernel.Connection.Key);
        await using (var connection = new KernelConnection(kernel.Connection))
        {
            await connection.WaitForReadyAsync(timeout.Token);
            var result = await connection.ExecuteAsync("System.IO.Directory.GetCurrentDirectory()", cancellationToken: timeout.Token);
            Assert.Equal("ok", result.Status);
            Assert.Equal(WorkingDirectory, result.ResultText);
        }

        Assert.False(await kernel.HasExitedAsync(timeout.Token));
        await kernel.KillAsync(timeout.Token);
        await kernel.Exited.WaitAsync(timeout.Token);
        Assert.True(await kernel.HasExitedAsync(timeout.Token));
    }

    [Fact]
    public async Task Each_kernel_gets_its_own_ports_and_key()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.Exit);
        await using var first = await StartAsync(timeout.Token);
        await using var second = await StartAsync(timeout.Token);
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Connection.Key, second.Connection.Key);
        var ports = new[] { first.Connection, second.Connection }
            .SelectMany(c => new[] { c.ShellPort, c.IOPubPort, c.StdinPort, c.ControlPort, c.HeartbeatPort }).ToArray();
        Assert.Equal(ports.Length, ports.Distinct().Count());
    }

    [Fact]
    public async Task A_kernel_that_dies_is_seen_to_have_exited()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Exit);
        await using var kernel = await StartAsync(timeout.Token);
        await using (var connection = new KernelConnection(kernel.Connection))
        {
            await connection.WaitForReadyAsync(timeout.Token);

            // The cell ends the kernel's process from inside, as a crash would.
            _ = connection.ExecuteAsync("System.Environment.Exit(3)", cancellationToken: timeout.Token);
            await kernel.Exited.WaitAsync(timeout.Token);
        }

        Assert.True(await kernel.HasExitedAsync(timeout.Token));
        Assert.NotNull(kernel.ExitCode);
        Assert.NotEqual(0, kernel.ExitCode);
    }

    [Fact]
    public async Task A_kernel_reaches_a_port_on_the_hosts_loopback_only_when_it_has_network()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Exit);
        await using var kernel = await StartAsync(timeout.Token);
        await using var connection = new KernelConnection(kernel.Connection);
        await connection.WaitForReadyAsync(timeout.Token);

        var result = await connection.ExecuteAsync(
            $"string Probe() {{ try {{ using var c = new System.Net.Sockets.TcpClient(); c.Connect(\"127.0.0.1\", {port}); return \"connected\"; }} " +
            "catch (System.Net.Sockets.SocketException e) { return e.SocketErrorCode.ToString(); } }\nProbe()",
            cancellationToken: timeout.Token);

        Assert.Equal("ok", result.Status);
        Assert.Equal(KernelHasNetwork ? "connected" : "ConnectionRefused", result.ResultText);
    }

    [Fact]
    public async Task A_wrong_key_gets_no_answer()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.Exit);
        await using var kernel = await StartAsync(timeout.Token);
        await using (var right = new KernelConnection(kernel.Connection))
        {
            await right.WaitForReadyAsync(timeout.Token);
        }

        var forged = kernel.Connection with { Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) };
        await using var wrong = new KernelConnection(forged);
        using var shortly = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        shortly.CancelAfter(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wrong.KernelInfoAsync(cancellationToken: shortly.Token));
    }
}

/// <summary>The contract, for kernels as plain local processes.</summary>
public sealed class LocalProcessLauncherContract : KernelLauncherContract
{
    protected override IKernelLauncher CreateLauncher(string runtimeDirectory) =>
        new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = runtimeDirectory });
}

/// <summary>The contract, for local processes in the bubblewrap sandbox (as the hub runs them).</summary>
public sealed class SandboxedLauncherContract : KernelLauncherContract
{
    protected override IKernelLauncher CreateLauncher(string runtimeDirectory)
    {
        Assert.True(BubblewrapSandbox.IsAvailable(), "bwrap must work here (the test command installs bubblewrap)");
        return new LocalProcessLauncher(new LocalProcessLauncherOptions
        {
            RuntimeDirectory = runtimeDirectory,
            Sandbox = new BubblewrapSandbox(new BubblewrapOptions { HiddenPaths = [], MemoryLimitBytes = 1L << 30 }),
        });
    }
}

/// <summary>The contract, for sandboxed processes without network (their ports relayed over Unix sockets).</summary>
public sealed class NetworklessLauncherContract : KernelLauncherContract
{
    protected override bool KernelHasNetwork => false;

    protected override IKernelLauncher CreateLauncher(string runtimeDirectory)
    {
        Assert.True(BubblewrapSandbox.IsAvailable(), "bwrap must work here (the test command installs bubblewrap)");
        return new LocalProcessLauncher(new LocalProcessLauncherOptions
        {
            RuntimeDirectory = runtimeDirectory,
            Sandbox = new BubblewrapSandbox(new BubblewrapOptions { HiddenPaths = [], MemoryLimitBytes = 1L << 30, IsolateNetwork = true }),
        });
    }
}
