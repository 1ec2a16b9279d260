using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// Confines a kernel with bubblewrap (<c>bwrap</c>): the whole system read-only, a private <c>/tmp</c> and home, its own
/// PID, IPC and UTS namespaces, the directories in <see cref="BubblewrapOptions.HiddenPaths"/> (the hub's data: other
/// users' files, the database, keys) replaced by empty ones except for what this kernel needs — its working directory and
/// writable paths, and its connection file read-only — and resource limits: open files, file size and core dumps through
/// <c>prlimit</c>, the managed heap through <c>DOTNET_GCHeapHardLimit</c> (address-space limits break .NET, which reserves
/// far more than it uses). The kernel dies with its launcher. With <see cref="BubblewrapOptions.IsolateNetwork"/> (or the
/// command's own <see cref="KernelProcessCommand.IsolateNetwork"/>) it has no network at all, its ports are relayed over
/// Unix sockets, and its only ways out are the links its launcher serves there (<see cref="KernelLink"/>).
/// </summary>
public sealed class BubblewrapSandbox(BubblewrapOptions options) : IKernelSandbox
{
    private static readonly ConcurrentDictionary<string, Lazy<bool>> Probes = new(StringComparer.Ordinal);

    /// <summary>
    /// True when bwrap exists and can make a sandbox here (user namespaces may be off in containers). Found once per
    /// process and program by running it: a hub asks for its kernels, its graders and its functions as it starts.
    /// </summary>
    public static bool IsAvailable(string bwrap = "bwrap") => Probes.GetOrAdd(bwrap, program => new Lazy<bool>(() => Probe(program))).Value;

    private static bool Probe(string bwrap)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(bwrap)
            {
                ArgumentList = { "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--die-with-parent", "true" },
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (probe is null)
            {
                return false;
            }

            probe.WaitForExit(10_000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public KernelProcessCommand Wrap(KernelProcessCommand command, string runtimeDirectory)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(runtimeDirectory);
        var home = "/tmp/home";
        List<string> argv =
        [
            options.BwrapPath,
            "--ro-bind", "/", "/",
            "--dev", "/dev",
            "--proc", "/proc",
            "--tmpfs", "/tmp",
            "--dir", home,
            "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--die-with-parent",
            "--new-session",
        ];
        foreach (var hidden in options.HiddenPaths.Where(Directory.Exists))
        {
            argv.AddRange(["--tmpfs", Path.GetFullPath(hidden)]);
        }

        // The connection file (and only it) from the runtime directory, read-only.
        var runtime = Path.GetFullPath(runtimeDirectory);
        foreach (var argument in command.Arguments.Where(a => a.StartsWith(runtime, StringComparison.Ordinal) && File.Exists(a)))
        {
            argv.AddRange(["--ro-bind", argument, argument]);
        }

        // No network: a namespace with only its own loopback; the ports are reached through Unix sockets in a folder of
        // the runtime directory, writable here and nowhere else.
        string? sockets = null;
        if (command.IsolateNetwork ?? options.IsolateNetwork)
        {
            var connectionFile = command.Arguments.FirstOrDefault(a => a.StartsWith(runtime, StringComparison.Ordinal) && File.Exists(a))
                ?? throw new InvalidOperationException("A kernel without network needs its connection file in the runtime directory.");
            var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFileName(connectionFile))))[..12];
            sockets = Path.Combine(runtime, "net-" + name);
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("bubblewrap runs on Linux only.");
            }

            Directory.CreateDirectory(sockets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            argv.Add("--unshare-net");
            argv.AddRange(["--bind", sockets, sockets]);
        }

        // Read-only again, the folders of the program and of what it runs (the dotnet host and the kernel's assembly: the
        // first two arguments), which may live under /tmp or a hidden path. Later arguments expose nothing.
        foreach (var program in command.Arguments.Take(2).Where(a => Path.IsPathFullyQualified(a) && File.Exists(a) && !a.StartsWith(runtime, StringComparison.Ordinal)))
        {
            var folder = Path.GetDirectoryName(program)!;
            argv.AddRange(["--ro-bind", folder, folder]);
        }

        foreach (var writable in command.WritablePaths.Prepend(command.WorkingDirectory).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!File.Exists(writable))
            {
                Directory.CreateDirectory(writable);
            }

            argv.AddRange(["--bind", writable, writable]);
        }

        argv.AddRange(["--chdir", command.WorkingDirectory]);
        argv.Add("--");
        argv.AddRange(
        [
            options.PrlimitPath,
            $"--nofile={options.MaxOpenFiles}",
            $"--fsize={options.MaxFileSizeBytes}",
            "--core=0",
            "--",
        ]);
        argv.AddRange(command.Arguments);

        var environment = new Dictionary<string, string?>(command.Environment, StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["TMPDIR"] = "/tmp",
        };
        if (options.MemoryLimitBytes is { } memory)
        {
            environment["DOTNET_GCHeapHardLimit"] = "0x" + memory.ToString("X", CultureInfo.InvariantCulture);
        }

        if (sockets is not null)
        {
            environment[KernelSocketRelays.DirectoryVariable] = sockets;
        }

        return command with { Arguments = argv, Environment = environment, DiesWithParent = true, SocketDirectory = sockets };
    }
}
