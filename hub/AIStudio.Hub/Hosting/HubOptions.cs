namespace AIStudio.Hub.Hosting;

/// <summary>Where the hub keeps its data and how it finds the kernel; read once at start from configuration.</summary>
public sealed record HubOptions
{
    /// <summary>The environment variable (or configuration key) naming the data directory.</summary>
    public const string DataDirectoryKey = "AISTUDIO_DATA_DIR";

    /// <summary>The environment variable (or configuration key) holding the admin API token.</summary>
    public const string AdminTokenKey = "AISTUDIO_ADMIN_TOKEN";

    /// <summary>The environment variable (or configuration key) naming the first administrator (default <c>admin</c>).</summary>
    public const string AdminUserKey = "AISTUDIO_ADMIN_USER";

    /// <summary>The environment variable (or configuration key) with the first administrator's password (generated and printed once when unset).</summary>
    public const string AdminPasswordKey = "AISTUDIO_ADMIN_PASSWORD";

    /// <summary>The data directory (absolute): the SQLite database, contents, data-protection keys, kernel runtime files.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The admin API token from configuration; null when the hub keeps a generated one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The name of the administrator made on an empty database.</summary>
    public string AdminUser { get; init; } = "admin";

    /// <summary>That administrator's password; null to generate one.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>Whether anyone may create an account (<c>Hub:AllowSignup</c>, default true).</summary>
    public bool AllowSignup { get; init; } = true;

    /// <summary>GPUs the launcher can give kernels (<c>Hub:Gpus</c>; by default 1 when /dev/nvidia0 exists, else 0). The GPU kernelspec exists only when this is above 0.</summary>
    public int Gpus { get; init; }

    /// <summary>Kernels of the default spec kept started and warm, so that a new session gets one at once (<c>Hub:WarmKernels</c>, default 1; 0 turns the pool off).</summary>
    public int WarmKernels { get; init; } = 1;

    /// <summary>How often each kernel's heartbeat is checked (<c>Hub:HeartbeatSeconds</c>, default 1).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed heartbeats in a row after which a kernel whose process lives is reported dead (<c>Hub:HeartbeatMisses</c>, default 3).</summary>
    public int HeartbeatMisses { get; init; } = 3;

    /// <summary>Kernels idle (no client connected, no activity) this long are shut down, as JupyterHub's idle culler does (<c>Hub:CullIdleSeconds</c>, default 3600; 0 never).</summary>
    public TimeSpan CullIdleTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How kernels are confined (<c>Hub:Sandbox</c>): <c>auto</c> (bubblewrap where it works, the default), <c>bubblewrap</c> (required), <c>none</c>.</summary>
    public string Sandbox { get; init; } = "auto";

    /// <summary>
    /// The most network any kernel gets (<c>Hub:KernelNetwork</c>): <c>full</c> (or <c>true</c>, the default: each plan's
    /// own <c>kernel_network</c>), <c>packages</c> (at most the package feeds), <c>none</c> (or <c>false</c>: no network
    /// at all for every plan). Anything below <c>full</c> needs the bubblewrap sandbox, which gives such a kernel a network
    /// namespace of its own, reached over Unix sockets.
    /// </summary>
    public Egress.KernelNetwork KernelNetwork { get; init; } = Egress.KernelNetwork.Full;

    /// <summary>
    /// The hosts kernels with <c>packages</c> network may reach, over HTTPS through the hub's egress proxy
    /// (<c>Hub:PackageFeeds</c>, comma-separated: <c>host</c>, <c>host:port</c>, <c>*.domain</c>; NuGet.org by default).
    /// </summary>
    public IReadOnlyList<string> PackageFeeds { get; init; } = Egress.PackageFeedAllowList.NuGetOrg;

    /// <summary>Tunnels through the egress proxy one kernel may hold open at once (<c>Hub:EgressTunnelsPerKernel</c>, default 32).</summary>
    public int EgressTunnelsPerKernel { get; init; } = 32;

    /// <summary>
    /// Whether each kernel gets a control group with its plan's CPU, memory and process limits (<c>Hub:KernelCgroups</c>):
    /// <c>auto</c> (where the machine lets the hub make them, the default; logged when not), <c>required</c> (the hub
    /// refuses to start without), <c>off</c>.
    /// </summary>
    public string KernelCgroups { get; init; } = "auto";

    /// <summary>Where control groups are mounted (<c>Hub:CgroupRoot</c>, default /sys/fs/cgroup).</summary>
    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>The managed-heap limit of a sandboxed kernel (<c>Hub:KernelMemoryMB</c>, default 4096; 0 for none).</summary>
    public long? KernelMemoryLimitBytes { get; init; } = 4096L * 1024 * 1024;

    /// <summary>The largest CSV file a dataset upload takes (<c>Hub:DatasetMaxBytes</c>, default 100 MB); the plan's storage limit applies as well.</summary>
    public long DatasetMaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>The largest ONNX model a deployment version takes (<c>Hub:DeploymentMaxBytes</c>, default 100 MB).</summary>
    public long DeploymentMaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>
    /// Requests per minute to each deployment for every plan (<c>Hub:DeploymentRequestsPerMinute</c>); null (the default)
    /// to use each plan's own limit.
    /// </summary>
    public int? DeploymentRequestsPerMinute { get; init; }

    /// <summary>How long one call to a deployed C# function may run (<c>Hub:FunctionTimeoutSeconds</c>, default 10): past it the caller gets a 504.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A C# function's serving process that has had no call for this long is stopped, and the next call starts it again
    /// from its compiled assembly in well under a second (<c>Hub:FunctionIdleSeconds</c>, default 900; 0 never).
    /// </summary>
    public TimeSpan FunctionIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The memory of each C# function's serving process (<c>Hub:FunctionMemoryMB</c>, default 512): its control group's
    /// limit where one can be made, and 3/4 of it its managed heap's.
    /// </summary>
    public long FunctionMemoryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>aistudio-function-host.dll, which serves C# function deployments; null to look for it under functionhost/ next to the hub.</summary>
    public string? FunctionHostAssembly { get; init; }

    /// <summary>
    /// The directory with libtorch's shared libraries that kernels' TorchSharp loads (<c>Hub:LibTorchDirectory</c>); when
    /// unset, the newest <c>libtorch-cpu-linux-x64</c> in the hub's NuGet cache (restored with the hub's build). Kernels
    /// get it as <c>AISTUDIO_LIBTORCH</c>: their own NuGet folder is per user and starts empty.
    /// </summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>aistudio-kernel.dll; null to look for it under kernel/ next to the hub.</summary>
    public string? KernelAssembly { get; init; }

    /// <summary>The dotnet host that runs the kernel; the hub's own host when null.</summary>
    public string? DotnetHost { get; init; }

    /// <summary>Where notebooks and files live.</summary>
    public string ContentsDirectory => Path.Combine(DataDirectory, "contents");

    /// <summary>Deployed models and functions: <c>{id}/v{n}.onnx</c> or <c>{id}/v{n}.cs</c> per deployment.</summary>
    public string DeploymentsDirectory => Path.Combine(DataDirectory, "deployments");

    /// <summary>Connection files of running kernels (0700).</summary>
    public string RuntimeDirectory => Path.Combine(DataDirectory, "runtime");

    /// <summary>Reads the options: AISTUDIO_DATA_DIR (default .aistudio-data under the current directory), AISTUDIO_ADMIN_TOKEN,
    /// AISTUDIO_ADMIN_USER, AISTUDIO_ADMIN_PASSWORD, Hub:AllowSignup,
    /// Hub:KernelAssembly and Hub:DotnetHost.</summary>
    public static HubOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Directory.GetCurrentDirectory(), ".aistudio-data");
        return new HubOptions
        {
            DataDirectory = Path.GetFullPath(dataDirectory),
            AdminToken = configuration[AdminTokenKey] is { Length: > 0 } token ? token : null,
            AdminUser = configuration[AdminUserKey] is { Length: > 0 } user ? user.Trim().ToLowerInvariant() : "admin",
            AdminPassword = configuration[AdminPasswordKey] is { Length: > 0 } password ? password : null,
            Gpus = int.TryParse(configuration["Hub:Gpus"], System.Globalization.CultureInfo.InvariantCulture, out var gpus) ? gpus : File.Exists("/dev/nvidia0") ? 1 : 0,
            WarmKernels = Number(configuration, "Hub:WarmKernels", 1),
            HeartbeatInterval = TimeSpan.FromSeconds(Number(configuration, "Hub:HeartbeatSeconds", 1.0)),
            HeartbeatMisses = Number(configuration, "Hub:HeartbeatMisses", 3),
            CullIdleTimeout = TimeSpan.FromSeconds(Number(configuration, "Hub:CullIdleSeconds", 3600.0)),
            Sandbox = (configuration["Hub:Sandbox"] ?? "auto").Trim().ToLowerInvariant() switch
            {
                var known when known is "auto" or "none" or "bubblewrap" => known,
                _ => throw new InvalidOperationException($"Hub:Sandbox is '{configuration["Hub:Sandbox"]}': use auto, bubblewrap or none."),
            },
            KernelNetwork = Egress.KernelNetworks.Parse(configuration["Hub:KernelNetwork"] ?? "full", "Hub:KernelNetwork"),
            PackageFeeds = PackageFeedsFrom(configuration),
            EgressTunnelsPerKernel = Number(configuration, "Hub:EgressTunnelsPerKernel", 32) is var tunnels and > 0
                ? tunnels
                : throw new InvalidOperationException("Hub:EgressTunnelsPerKernel is 0: give how many tunnels one kernel may hold open (default 32)."),
            KernelCgroups = (configuration["Hub:KernelCgroups"] ?? "auto").Trim().ToLowerInvariant() switch
            {
                var known when known is "auto" or "required" or "off" => known,
                _ => throw new InvalidOperationException($"Hub:KernelCgroups is '{configuration["Hub:KernelCgroups"]}': use auto, required or off."),
            },
            CgroupRoot = configuration["Hub:CgroupRoot"] is { Length: > 0 } cgroupRoot ? cgroupRoot : "/sys/fs/cgroup",
            KernelMemoryLimitBytes = Number(configuration, "Hub:KernelMemoryMB", 4096L) is var megabytes and > 0 ? megabytes * 1024 * 1024 : null,
            DatasetMaxBytes = Number(configuration, "Hub:DatasetMaxBytes", 100L * 1024 * 1024) is var datasetBytes and > 0
                ? datasetBytes
                : throw new InvalidOperationException("Hub:DatasetMaxBytes is 0: give the largest dataset upload in bytes (default 104857600, 100 MB)."),
            DeploymentMaxBytes = Number(configuration, "Hub:DeploymentMaxBytes", 100L * 1024 * 1024) is var modelBytes and > 0
                ? modelBytes
                : throw new InvalidOperationException("Hub:DeploymentMaxBytes is 0: give the largest model a deployment takes in bytes (default 104857600, 100 MB)."),
            DeploymentRequestsPerMinute = string.IsNullOrWhiteSpace(configuration["Hub:DeploymentRequestsPerMinute"])
                ? null
                : Number(configuration, "Hub:DeploymentRequestsPerMinute", 0) is var perMinute and > 0
                    ? perMinute
                    : throw new InvalidOperationException("Hub:DeploymentRequestsPerMinute is 0: give requests per minute per deployment (leave it unset for each plan's own limit)."),
            FunctionTimeout = Number(configuration, "Hub:FunctionTimeoutSeconds", 10.0) is var functionSeconds and > 0
                ? TimeSpan.FromSeconds(functionSeconds)
                : throw new InvalidOperationException("Hub:FunctionTimeoutSeconds is 0: give how long one call to a C# function may run (default 10)."),
            FunctionIdleTimeout = Number(configuration, "Hub:FunctionIdleSeconds", 900.0) is var functionIdle and >= 0
                ? TimeSpan.FromSeconds(functionIdle)
                : throw new InvalidOperationException("Hub:FunctionIdleSeconds is negative: give how long a C# function's serving process may go without a call before it stops (0 never; default 900)."),
            FunctionMemoryBytes = Number(configuration, "Hub:FunctionMemoryMB", 512L) is var functionMegabytes and >= 64
                ? functionMegabytes * 1024 * 1024
                : throw new InvalidOperationException("Hub:FunctionMemoryMB is below 64: a function's serving process needs at least 64 MB (default 512)."),
            FunctionHostAssembly = configuration["Hub:FunctionHostAssembly"] is { Length: > 0 } functionHost ? Path.GetFullPath(functionHost) : null,
            AllowSignup = !string.Equals(configuration["Hub:AllowSignup"], "false", StringComparison.OrdinalIgnoreCase),
            KernelAssembly = configuration["Hub:KernelAssembly"] is { Length: > 0 } kernel ? Path.GetFullPath(kernel) : null,
            DotnetHost = configuration["Hub:DotnetHost"] is { Length: > 0 } host ? host : null,
            LibTorchDirectory = configuration["Hub:LibTorchDirectory"] is { Length: > 0 } libtorch ? Path.GetFullPath(libtorch) : Kernels.LibTorchLocation.InNuGetCache(),
        };
    }

    /// <summary><c>Hub:PackageFeeds</c> as one comma-separated value or as an array; NuGet.org when unset. Checked at start.</summary>
    private static IReadOnlyList<string> PackageFeedsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("Hub:PackageFeeds");
        string[] feeds = section.Value is { } value
            ? value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(child => child.Value).OfType<string>().Where(v => v.Length > 0)];
        if (section.Value is null && feeds.Length == 0)
        {
            return Egress.PackageFeedAllowList.NuGetOrg;
        }

        _ = new Egress.PackageFeedAllowList(feeds);
        return feeds;
    }

    private static T Number<T>(IConfiguration configuration, string key, T fallback)
        where T : struct, System.Numerics.INumber<T>
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return T.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= T.Zero
            ? value
            : throw new InvalidOperationException($"{key} is '{text}': expected a number ≥ 0.");
    }
}
