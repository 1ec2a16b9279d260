using System.Diagnostics;
using System.Security.Cryptography;
using AIStudio.Kernel.Protocol.Connection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// Starts kernels as local processes: free loopback ports, a random 256-bit HMAC key, a 0600 connection file in the
/// runtime directory, the kernelspec's argv with {connection_file} filled in, the process's stderr and stdout logged.
/// Stopping kills the whole process tree.
/// </summary>
public sealed partial class LocalProcessLauncher(LocalProcessLauncherOptions? options = null, ILoggerFactory? loggerFactory = null) : IKernelLauncher
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const string SetprivPath = "/usr/bin/setpriv";

    private readonly LocalProcessLauncherOptions _options = options ?? new LocalProcessLauncherOptions();
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    public LocalProcessLauncherOptions Options => _options;

    /// <inheritdoc cref="IKernelLauncher.StartAsync"/>
    public async Task<LocalKernelProcess> StartProcessAsync(KernelLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.KernelId ?? Guid.NewGuid().ToString("N");
        var logger = _loggerFactory.CreateLogger("AIStudio.Kernel." + id[..Math.Min(8, id.Length)]);
        var connection = request.Connection ?? NewConnection(request.Spec.Name);

        var runtimeDirectory = _options.ResolveRuntimeDirectory();
        CreatePrivateDirectory(runtimeDirectory);
        var connectionFile = Path.Combine(runtimeDirectory, $"kernel-{id}.json");
        await WriteConnectionFileAsync(connectionFile, connection, cancellationToken).ConfigureAwait(false);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Spec.Env)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in request.Environment)
        {
            environment[name] = value;
        }

        var command = new KernelProcessCommand(
            request.Spec.FormatArgv(connectionFile),
            request.WorkingDirectory ?? Directory.GetCurrentDirectory(),
            environment)
        {
            WritablePaths = request.WritablePaths,
            IsolateNetwork = request.IsolateNetwork,
        };
        command = _options.Sandbox.Wrap(command, runtimeDirectory);
        if (command.SocketDirectory is not null && request.Links.Count > 0)
        {
            command = command with
            {
                Environment = new Dictionary<string, string?>(command.Environment, StringComparer.Ordinal)
                {
                    [KernelLinks.Variable] = KernelLinks.Format(request.Links.Select(link => (link.Name, link.Port))),
                },
            };
        }

        if (_options.DieWithLauncher && !command.DiesWithParent && File.Exists(SetprivPath) && OperatingSystem.IsLinux())
        {
            // setpriv would start and then fail to run a missing program: refuse it here, with its name, as Process.Start does.
            if (FindProgram(command.Arguments[0]) is null)
            {
                TryDelete(connectionFile);
                throw new InvalidOperationException($"Could not start the kernel '{string.Join(' ', command.Arguments)}': {command.Arguments[0]} was not found.");
            }

            command = command with { Arguments = [SetprivPath, "--pdeathsig", "KILL", "--", .. command.Arguments], DiesWithParent = true };
        }

        // Outermost, so that the sandbox and everything in it are in the group from their first instruction.
        // The plan's memory bounds the managed heap even where no group can be made.
        command = WithHeapBelow(command, request.Limits?.MemoryBytes);
        KernelCgroup? cgroup = null;
        if (request.Limits is { IsEmpty: false } limits && _options.CgroupRoot is { } cgroupRoot)
        {
            cgroup = KernelCgroup.Create(cgroupRoot, id, limits);
            command = cgroup.Wrap(command);
        }

        var startInfo = new ProcessStartInfo(command.Arguments[0])
        {
            WorkingDirectory = command.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        InheritedEnvironment.Filter(startInfo.Environment);
        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        // A kernel without network: its ports on the host's loopback are relays to the Unix sockets it opens.
        // Its links out are served before it starts, so that they are there when its code first uses them.
        List<IAsyncDisposable> relays = command.SocketDirectory is { } sockets
            ? [.. KernelSocketRelays.FromUnixSockets(connection, sockets), .. ServeLinks(request.Links, sockets)]
            : [];
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        try
        {
            // Forked from the launcher thread, which lives as long as this process (see LauncherThread).
            await LauncherThread.RunAsync(process.Start).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            TryDelete(connectionFile);
            cgroup?.Dispose();
            foreach (var relay in relays)
            {
                await relay.DisposeAsync().ConfigureAwait(false);
            }

            throw new InvalidOperationException($"Could not start the kernel '{string.Join(' ', command.Arguments)}': {e.Message}", e);
        }

        var commandLine = string.Join(' ', command.Arguments);
        LogStarted(logger, id, process.Id, commandLine);
        // A kernel reads no terminal: Console.ReadLine must go through input_request, so its stdin is at end of file.
        process.StandardInput.Close();
        return new LocalKernelProcess(id, connection, connectionFile, process, logger, _options.OutputLinesKept, relays, cgroup);
    }

    async Task<ILaunchedKernel> IKernelLauncher.StartAsync(KernelLaunchRequest request, CancellationToken cancellationToken) =>
        await StartProcessAsync(request, cancellationToken).ConfigureAwait(false);

    private static List<IAsyncDisposable> ServeLinks(IReadOnlyList<KernelLink> links, string socketDirectory)
    {
        var served = new List<IAsyncDisposable>(links.Count);
        try
        {
            foreach (var link in links)
            {
                served.Add(link.Serve(KernelSocketRelays.SocketPath(socketDirectory, link.Name)));
            }

            return served;
        }
        catch
        {
            foreach (var link in served)
            {
                link.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    private ConnectionInfo NewConnection(string? kernelName)
    {
        var ports = LoopbackPorts.Allocate(_options.IP, 5);
        return new ConnectionInfo
        {
            Transport = "tcp",
            IP = _options.IP,
            ShellPort = ports[0],
            IOPubPort = ports[1],
            StdinPort = ports[2],
            ControlPort = ports[3],
            HeartbeatPort = ports[4],
            Key = RandomNumberGenerator.GetHexString(64, lowercase: true),
            KernelName = kernelName,
        };
    }

    /// <summary>
    /// A .NET kernel's managed heap kept to 3/4 of its group's memory (what .NET picks by itself in a cgroup unless a limit
    /// is set, as the sandbox sets one): a cell that allocates without bound then gets an OutOfMemoryException rather than
    /// the OOM killer. Other kernels ignore the variable.
    /// </summary>
    private static KernelProcessCommand WithHeapBelow(KernelProcessCommand command, long? memoryBytes)
    {
        if (memoryBytes is not { } memory)
        {
            return command;
        }

        var heap = memory / 4 * 3;
        if (command.Environment.TryGetValue("DOTNET_GCHeapHardLimit", out var set) && set is not null
            && long.TryParse(set.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? set[2..] : set, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var current)
            && current <= heap)
        {
            return command;
        }

        return command with
        {
            Environment = new Dictionary<string, string?>(command.Environment, StringComparer.Ordinal)
            {
                ["DOTNET_GCHeapHardLimit"] = "0x" + heap.ToString("X", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    private static async Task WriteConnectionFileAsync(string path, ConnectionInfo connection, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            if (!OperatingSystem.IsWindows())
            {
                // UnixCreateMode only applies to a new file; a restart rewrites an existing one.
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnlyFile);
            }

            var writer = new StreamWriter(stream);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(connection.ToJson().AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The program's file: the path itself when it has a directory part, else the first match on PATH.</summary>
    private static string? FindProgram(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        return (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId} started as process {ProcessId}: {CommandLine}")]
    private static partial void LogStarted(ILogger logger, string kernelId, int processId, string commandLine);
}
