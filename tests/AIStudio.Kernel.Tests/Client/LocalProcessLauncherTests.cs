using System.Diagnostics;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.Kernel.Protocol.Connection;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>The launcher with /bin/sh standing in for a kernel: files, ports, environment, output, signals, the process tree.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalProcessLauncherTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("aistudio-launcher");
    private readonly TestLog _log = new();

    [Fact]
    public async Task The_connection_file_is_private_with_distinct_loopback_ports_and_a_256_bit_key()
    {
        await using var kernel = await StartAsync("cat {connection_file} >&2");
        await kernel.Exited.WaitAsync(Timeouts.Exit);

        Assert.True(File.Exists(kernel.ConnectionFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kernel.ConnectionFile));
        var info = ConnectionInfo.Parse(await File.ReadAllTextAsync(kernel.ConnectionFile));
        Assert.Equal(kernel.Connection, info);
        Assert.Equal("127.0.0.1", info.IP);
        Assert.Equal(5, new[] { info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort }.Distinct().Count(p => p > 0));
        Assert.Matches("^[0-9a-f]{64}$", info.Key);
        Assert.Contains(kernel.RecentOutput, line => line.Contains(info.Key, StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(kernel.ConnectionFile)!));
    }

    [Fact]
    public async Task Two_kernels_get_different_ports_and_keys_and_a_given_connection_is_reused()
    {
        await using var first = await StartAsync("exit 0");
        await using var second = await StartAsync("exit 0");
        await using var again = await StartAsync("exit 0", connection: first.Connection);

        Assert.NotEqual(first.Connection.Key, second.Connection.Key);
        Assert.NotEqual(first.Connection.ShellPort, second.Connection.ShellPort);
        Assert.Equal(first.Connection, again.Connection);
    }

    [Fact]
    public async Task The_process_runs_in_the_working_directory_with_the_specs_and_the_requests_environment()
    {
        var work = Directory.CreateDirectory(_directory.Combine("work")).FullName;
        await using var kernel = await StartAsync(
            "pwd >&2; echo \"spec=$FROM_SPEC request=$FROM_REQUEST removed=${HOME:-none}\" >&2",
            workingDirectory: work,
            environment: new Dictionary<string, string?> { ["FROM_REQUEST"] = "r", ["HOME"] = null });

        await kernel.Exited.WaitAsync(Timeouts.Exit);

        Assert.Contains("stderr: " + work, kernel.RecentOutput);
        Assert.Contains("stderr: spec=s request=r removed=none", kernel.RecentOutput);
        Assert.Equal(0, kernel.ExitCode);
    }

    [Fact]
    public async Task The_launchers_own_settings_do_not_reach_the_kernel_only_what_a_program_needs()
    {
        // What a hub is started with (its admin token, its database password) and credentials of the machine: set here,
        // in the launcher's process, as a hub's environment has them.
        string[] secrets = ["AISTUDIO_ADMIN_TOKEN", "ConnectionStrings__Hub", "AWS_SECRET_ACCESS_KEY"];
        foreach (var name in secrets)
        {
            Environment.SetEnvironmentVariable(name, "secret-" + name);
        }

        Environment.SetEnvironmentVariable("DOTNET_AISTUDIO_TEST_KNOB", "kept");
        try
        {
            await using var kernel = await StartAsync(
                "echo \"admin=${AISTUDIO_ADMIN_TOKEN:-none} db=${ConnectionStrings__Hub:-none} aws=${AWS_SECRET_ACCESS_KEY:-none} " +
                "knob=${DOTNET_AISTUDIO_TEST_KNOB:-none} spec=$FROM_SPEC request=$FROM_REQUEST path=${PATH:+set}\" >&2",
                environment: new Dictionary<string, string?> { ["FROM_REQUEST"] = "r" });
            await kernel.Exited.WaitAsync(Timeouts.Exit);

            Assert.Contains("stderr: admin=none db=none aws=none knob=kept spec=s request=r path=set", kernel.RecentOutput);
        }
        finally
        {
            foreach (var name in secrets.Append("DOTNET_AISTUDIO_TEST_KNOB"))
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public async Task SignalInterrupt_sends_SIGINT()
    {
        using var timeout = Timeouts.After(Timeouts.Exit);
        await using var kernel = await StartAsync("echo ready >&2; while :; do sleep 0.05; done");
        await _log.WaitForAsync(l => l.Contains("stderr: ready", StringComparison.Ordinal), timeout.Token);

        await kernel.SignalInterruptAsync(timeout.Token);

        await kernel.Exited.WaitAsync(timeout.Token);
        // 128 + SIGINT: the shell ended by the signal.
        Assert.Equal(130, kernel.ExitCode);
    }

    [Fact]
    public async Task Dispose_kills_the_whole_process_tree_and_deletes_the_connection_file()
    {
        using var timeout = Timeouts.After(Timeouts.Exit);
        var kernel = await StartAsync("sleep 300 & echo child=$! >&2; wait");
        var line = await _log.WaitForAsync(l => l.Contains("stderr: child=", StringComparison.Ordinal), timeout.Token);
        var child = Process.GetProcessById(int.Parse(line[(line.IndexOf("child=", StringComparison.Ordinal) + 6)..].Trim(), System.Globalization.CultureInfo.InvariantCulture));

        await kernel.DisposeAsync();

        Assert.True(kernel.Exited.IsCompleted);
        await child.WaitForExitAsync(timeout.Token);
        Assert.False(File.Exists(kernel.ConnectionFile));
        Assert.True(await kernel.HasExitedAsync());
    }

    [Fact]
    public async Task A_command_that_cannot_start_fails_with_its_name()
    {
        var launcher = NewLauncher();
        var spec = new KernelSpec { Argv = ["/nonexistent/kernel-binary", "{connection_file}"] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.StartProcessAsync(new KernelLaunchRequest { Spec = spec }));

        Assert.Contains("/nonexistent/kernel-binary", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(launcher.Options.ResolveRuntimeDirectory()));
    }

    [Fact]
    public async Task The_sandbox_seam_rewrites_the_command()
    {
        var launcher = NewLauncher(new EchoSandbox());
        var spec = new KernelSpec { Argv = ["/bin/false"] };

        await using var kernel = await launcher.StartProcessAsync(new KernelLaunchRequest { Spec = spec, WorkingDirectory = _directory.Path });
        await kernel.Exited.WaitAsync(Timeouts.Exit);

        Assert.Contains("stderr: sandboxed /bin/false", kernel.RecentOutput);
        Assert.Equal(0, kernel.ExitCode);
    }

    public void Dispose()
    {
        _directory.Dispose();
        _log.Dispose();
    }

    private LocalProcessLauncher NewLauncher(IKernelSandbox? sandbox = null)
    {
        _log.Attach(output);
        return new LocalProcessLauncher(
            new LocalProcessLauncherOptions { RuntimeDirectory = _directory.Combine("runtime"), Sandbox = sandbox ?? NoSandbox.Instance },
            _log);
    }

    private Task<LocalKernelProcess> StartAsync(string script, string? workingDirectory = null, Dictionary<string, string?>? environment = null, ConnectionInfo? connection = null)
    {
        var spec = new KernelSpec
        {
            Argv = ["/bin/sh", "-c", script],
            Env = new Dictionary<string, string> { ["FROM_SPEC"] = "s" },
        };
        return NewLauncher().StartProcessAsync(new KernelLaunchRequest
        {
            Spec = spec,
            WorkingDirectory = workingDirectory ?? _directory.Path,
            Environment = environment ?? [],
            Connection = connection,
        });
    }

    private sealed class EchoSandbox : IKernelSandbox
    {
        public KernelProcessCommand Wrap(KernelProcessCommand command, string runtimeDirectory) =>
            command with { Arguments = ["/bin/sh", "-c", "echo sandboxed \"$@\" >&2", "sh", .. command.Arguments] };
    }
}
