using System.Globalization;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Starts aistudio-function-host processes — to check a function's source (<c>check</c>), to compile it into an assembly
/// to keep (<c>compile</c>, see <see cref="FunctionAssemblies"/>) or to serve a version (<c>serve</c>, from its kept
/// assembly when it has one) — exactly as kernels are started (<see cref="LocalProcessLauncher"/>): a connection file
/// with a random key and loopback ports, in the bubblewrap sandbox wherever bwrap works, here always without network (the host's port is
/// relayed from a Unix socket), with the system read-only, the hub's data hidden and a private working directory, in a
/// control group of its own (one CPU, <see cref="HubOptions.FunctionMemoryBytes"/>, 256 processes and threads) where the
/// hub can make one, and killed with the hub. Nothing of the user's code is ever loaded into the hub's process.
/// </summary>
public sealed partial class FunctionLauncher
{
    private const string ProcessMode = "serve";
    private const string CheckMode = "check";
    private const string CompileMode = "compile";

    /// <summary>What <c>compile</c> writes in its working directory (the host's CompiledAssembly and CompiledAssemblyInfo).</summary>
    private const string CompiledFile = "function.dll";
    private const string CompiledInfoFile = "function.dll.json";

    /// <summary>How long compiling a source may take before it is refused.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    private readonly HubOptions _options;
    private readonly KernelSpecCatalog _specs;
    private readonly LocalProcessLauncher _launcher;
    private readonly KernelResourceLimits? _limits;

    public FunctionLauncher(HubOptions options, KernelSpecCatalog specs, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _specs = specs;
        var logger = loggerFactory.CreateLogger<FunctionLauncher>();
        var sandbox = ChooseSandbox(options);
        Sandboxed = sandbox is BubblewrapSandbox;
        string? cgroupRoot = null;
        if (options.KernelCgroups != "off")
        {
            if (KernelCgroup.Unavailable(options.CgroupRoot) is { } reason)
            {
                LogNoCgroups(logger, reason);
            }
            else
            {
                cgroupRoot = options.CgroupRoot;
            }
        }

        _limits = new KernelResourceLimits { CpuCores = 1, MemoryBytes = options.FunctionMemoryBytes, MaxProcesses = 256 };
        Cgrouped = cgroupRoot is not null;
        _launcher = new LocalProcessLauncher(
            new LocalProcessLauncherOptions { RuntimeDirectory = options.RuntimeDirectory, Sandbox = sandbox, CgroupRoot = cgroupRoot, TimeProvider = time },
            loggerFactory);
        if (Sandboxed)
        {
            LogSandbox(logger, "bubblewrap, no network");
        }
        else
        {
            LogUnsandboxed(logger, options.Sandbox);
        }
    }

    /// <summary>Whether functions run in the bubblewrap sandbox without network.</summary>
    public bool Sandboxed { get; }

    /// <summary>Whether each function's process runs in a control group with its limits.</summary>
    public bool Cgrouped { get; }

    /// <summary>Where aistudio-function-host.dll is expected.</summary>
    public string HostAssembly => _options.FunctionHostAssembly ?? Path.Combine(AppContext.BaseDirectory, "functionhost", "aistudio-function-host.dll");

    /// <summary>
    /// Starts a process serving the function in <paramref name="sourcePath"/>, given its kept assembly and info when there
    /// are (which it loads if they are its compiler's, else it compiles the source); it is ready once it answers
    /// <c>/healthz</c>.
    /// </summary>
    public Task<FunctionProcess> StartServingAsync(string sourcePath, (string Assembly, string Info)? compiled, CancellationToken cancellationToken) =>
        StartAsync(ProcessMode, sourcePath, compiled, cancellationToken);

    /// <summary>
    /// Compiles the source in <paramref name="sourcePath"/> into an assembly in a short-lived sandboxed process that never
    /// loads it: the assembly's bytes and its info, to keep. An <see cref="InvalidOperationException"/> says why there are
    /// none (the source does not compile, the process failed or took too long).
    /// </summary>
    public async Task<(byte[] Assembly, byte[] Info)> CompileAsync(string sourcePath, CancellationToken cancellationToken)
    {
        var process = await StartAsync(CompileMode, sourcePath, null, cancellationToken).ConfigureAwait(false);
        await using (process.ConfigureAwait(false))
        {
            if (!await ExitedInTimeAsync(process, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"compiling took longer than {CheckTimeout.TotalSeconds:0} s");
            }

            var assembly = Path.Combine(process.WorkDirectory, CompiledFile);
            var info = Path.Combine(process.WorkDirectory, CompiledInfoFile);
            if (process.Process.ExitCode != 0 || !File.Exists(assembly) || !File.Exists(info))
            {
                throw new InvalidOperationException(
                    $"the function host ended (exit code {process.Process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}) without an assembly: {string.Join(" | ", process.Process.RecentOutput.TakeLast(10))}");
            }

            return (await File.ReadAllBytesAsync(assembly, cancellationToken).ConfigureAwait(false),
                await File.ReadAllBytesAsync(info, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Compiles the source in <paramref name="sourcePath"/> in a short-lived sandboxed process: its schema, or the
    /// compiler's errors. 400 when compiling takes too long.
    /// </summary>
    public async Task<FunctionCheck> CheckAsync(string sourcePath, CancellationToken cancellationToken)
    {
        var process = await StartAsync(CheckMode, sourcePath, null, cancellationToken).ConfigureAwait(false);
        await using (process.ConfigureAwait(false))
        {
            if (!await ExitedInTimeAsync(process, cancellationToken).ConfigureAwait(false))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Compiling the function took longer than {CheckTimeout.TotalSeconds:0} s: make it smaller.");
            }

            var result = Path.Combine(process.WorkDirectory, "check.json");
            if (!File.Exists(result))
            {
                throw new InvalidOperationException(
                    $"The function host ended (exit code {process.Process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}) without a result: {string.Join(" | ", process.Process.RecentOutput.TakeLast(10))}");
            }

            return FunctionCheck.Parse(await File.ReadAllTextAsync(result, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Whether a <c>check</c> or <c>compile</c> process ended within <see cref="CheckTimeout"/>.</summary>
    private static async Task<bool> ExitedInTimeAsync(FunctionProcess process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await process.Process.Exited.WaitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<FunctionProcess> StartAsync(string mode, string sourcePath, (string Assembly, string Info)? compiled, CancellationToken cancellationToken)
    {
        if (!File.Exists(HostAssembly))
        {
            throw new InvalidOperationException($"The function host is not built: {HostAssembly} is missing (build hub/AIStudio.Hub, or set Hub:FunctionHostAssembly).");
        }

        var id = "fn-" + Guid.NewGuid().ToString("N")[..12];
        var runtime = _launcher.Options.ResolveRuntimeDirectory();
        CreatePrivateDirectory(runtime);
        // The source (and the kept assembly and its info) beside the connection file (the sandbox shows the process its
        // arguments there, read-only); the work folder is the only place it may write.
        var source = Path.Combine(runtime, id + ".cs");
        var work = Path.Combine(runtime, id);
        List<string> copies = [source];
        File.Copy(sourcePath, source);
        List<string> argv =
        [
            _specs.DotnetHost(), HostAssembly, mode, "--connection-file", "{connection_file}", "--source", source,
            "--timeout-ms", ((long)_options.FunctionTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        if (compiled is { } kept && CopyCompiled(kept, runtime, id) is (var assembly, var info))
        {
            copies.AddRange([assembly, info]);
            argv.AddRange(["--compiled", assembly, "--compiled-info", info]);
        }

        CreatePrivateDirectory(work);
        var spec = new KernelSpec
        {
            Argv = [.. argv],
            DisplayName = "C# function",
            Language = "csharp",
            Name = "aistudio-function",
        };
        try
        {
            var process = await _launcher.StartProcessAsync(new KernelLaunchRequest
            {
                Spec = spec,
                KernelId = id,
                WorkingDirectory = work,
                Environment = WithoutHubSettings(),
                Limits = _limits,
            }, cancellationToken).ConfigureAwait(false);
            return new FunctionProcess(process, copies, work);
        }
        catch
        {
            copies.ForEach(File.Delete);
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>The kept assembly and its info copied beside the connection file, or null when they are gone since they were found.</summary>
    private static (string Assembly, string Info)? CopyCompiled((string Assembly, string Info) compiled, string runtime, string id)
    {
        var assembly = Path.Combine(runtime, id + ".dll");
        var info = Path.Combine(runtime, id + ".dll.json");
        try
        {
            File.Copy(compiled.Assembly, assembly);
            File.Copy(compiled.Info, info);
            return (assembly, info);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Replaced or deleted meanwhile: the process compiles the source instead.
            if (File.Exists(assembly))
            {
                File.Delete(assembly);
            }

            return null;
        }
    }

    /// <summary>
    /// The launcher passes on only what a .NET program needs (InheritedEnvironment: not the hub's admin token or database
    /// settings); the hub's own heap limit, if it runs under one, is not the function's either.
    /// </summary>
    private static Dictionary<string, string?> WithoutHubSettings() =>
        new(StringComparer.Ordinal) { ["DOTNET_GCHeapHardLimit"] = null };

    private static IKernelSandbox ChooseSandbox(HubOptions options)
    {
        if (options.Sandbox == "none" || !BubblewrapSandbox.IsAvailable())
        {
            return options.Sandbox == "bubblewrap"
                ? throw new InvalidOperationException("Hub:Sandbox is bubblewrap, but bwrap is missing or cannot make a sandbox here: C# functions need it.")
                : NoSandbox.Instance;
        }

        return new BubblewrapSandbox(new BubblewrapOptions
        {
            HiddenPaths = [options.DataDirectory],
            IsolateNetwork = true,
        });
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "C# function sandbox: {Sandbox}.")]
    private static partial void LogSandbox(ILogger logger, string sandbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "C# functions run unsandboxed, with the hub's network and files (Hub:Sandbox = {Configured}, or bwrap cannot run here).")]
    private static partial void LogUnsandboxed(ILogger logger, string configured);

    [LoggerMessage(Level = LogLevel.Warning, Message = "C# functions run without their CPU, memory and process limits: {Reason} (Hub:KernelCgroups).")]
    private static partial void LogNoCgroups(ILogger logger, string reason);
}
