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

    /// <summary>aistudio-kernel.dll; null to look for it under kernel/ next to the hub.</summary>
    public string? KernelAssembly { get; init; }

    /// <summary>The dotnet host that runs the kernel; the hub's own host when null.</summary>
    public string? DotnetHost { get; init; }

    /// <summary>Where notebooks and files live.</summary>
    public string ContentsDirectory => Path.Combine(DataDirectory, "contents");

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
            AllowSignup = !string.Equals(configuration["Hub:AllowSignup"], "false", StringComparison.OrdinalIgnoreCase),
            KernelAssembly = configuration["Hub:KernelAssembly"] is { Length: > 0 } kernel ? Path.GetFullPath(kernel) : null,
            DotnetHost = configuration["Hub:DotnetHost"] is { Length: > 0 } host ? host : null,
        };
    }
}
