using AIStudio.Kernel.Hosting;
using AIStudio.Kernel.Install;
using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel;

/// <summary>
/// aistudio-kernel — the AI Studio C# Jupyter kernel.
///   aistudio-kernel --connection-file FILE [--history-file FILE] [--verbose]
///   aistudio-kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name NAME] [--gpu]
/// </summary>
internal static class Program
{
    private const string Usage = """
        aistudio-kernel — the AI Studio C# Jupyter kernel

        Usage:
          aistudio-kernel --connection-file FILE [--history-file FILE | --no-history] [--verbose]
              Run the kernel on the sockets of a Jupyter connection file (Jupyter starts it this way).
          aistudio-kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name NAME] [--gpu]
              Write a kernelspec so Jupyter finds the kernel (default: --user, name aistudio-csharp).
          aistudio-kernel --version
        """;

    private static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["install", .. var rest] => Install(rest),
                ["--version"] => Print(Handlers.KernelInfoFactory.Version),
                ["--help" or "-h"] => Print(Usage),
                _ => RunKernel(args),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"aistudio-kernel: {e.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static int Print(string text)
    {
        Console.WriteLine(text);
        return 0;
    }

    private static int Install(string[] args)
    {
        var options = new InstallOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--user" => options with { Prefix = null, SysPrefix = false },
                "--sys-prefix" => options with { SysPrefix = true },
                "--prefix" => options with { Prefix = Value(args, ref i) },
                "--name" => options with { Name = Value(args, ref i) },
                "--display-name" => options with { DisplayName = Value(args, ref i) },
                "--gpu" => options with { Gpu = true },
                var other => throw new UsageException($"unknown install option '{other}'"),
            };
        }

        try
        {
            var directory = KernelSpecInstaller.Install(options);
            Console.WriteLine($"Installed kernelspec {options.Name} in {directory}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"aistudio-kernel: could not install the kernelspec: {e.Message}");
            return 1;
        }
    }

    private static int RunKernel(string[] args)
    {
        string? connectionFile = null;
        string? historyFile = DefaultHistoryFile();
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection-file" or "-f":
                    connectionFile = Value(args, ref i);
                    break;
                case "--history-file":
                    historyFile = Value(args, ref i);
                    break;
                case "--no-history":
                    historyFile = null;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }
        }

        if (connectionFile is null)
        {
            throw new UsageException("--connection-file is required");
        }

        var time = TimeProvider.System;
        var log = KernelLog.ToStandardError(time, verbose || Environment.GetEnvironmentVariable("AISTUDIO_KERNEL_VERBOSE") == "1");
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Parse(File.ReadAllText(connectionFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            log.Error($"Cannot use connection file '{connectionFile}': {e.Message}");
            return 1;
        }

        // In a sandbox without network the launcher reaches the kernel's ports through Unix sockets in a shared folder.
        IReadOnlyList<SocketRelay> relays = [];
        if (Environment.GetEnvironmentVariable(KernelSocketRelays.DirectoryVariable) is { Length: > 0 } socketDirectory)
        {
            try
            {
                relays = KernelSocketRelays.ToUnixSockets(connection, socketDirectory);
                log.Info($"Ports relayed from Unix sockets in {socketDirectory}.");
                // Its ways out (the hub, the package feeds' proxy), before any user code runs.
                relays = [.. relays, .. SandboxLinks.Open(socketDirectory, log)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Net.Sockets.SocketException)
            {
                log.Error($"Cannot open the kernel's Unix sockets in '{socketDirectory}': {e.Message}");
                return 1;
            }
        }

        try
        {
            using var server = new KernelServer(connection, new KernelOptions { ConnectionFile = connectionFile, HistoryFile = historyFile, Verbose = verbose }, log, time);
            return server.Run();
        }
        catch (NetMQ.NetMQException e)
        {
            log.Error($"Cannot bind the kernel's sockets ({e.ErrorCode}): {e.Message}");
            return 1;
        }
        finally
        {
            foreach (var relay in relays)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private static string? DefaultHistoryFile()
    {
        var explicitFile = Environment.GetEnvironmentVariable("AISTUDIO_HISTORY_FILE");
        if (!string.IsNullOrEmpty(explicitFile))
        {
            return explicitFile;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = string.IsNullOrEmpty(xdg) ? (string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".local", "share")) : xdg;
        return root is null ? null : Path.Combine(root, "aistudio", "kernel-history.jsonl");
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value");
}
