namespace AIStudio.Hub.Hosting;

/// <summary>Where the hub keeps its data and how it finds the kernel; read once at start from configuration.</summary>
public sealed record HubOptions
{
    /// <summary>The environment variable (or configuration key) naming the data directory.</summary>
    public const string DataDirectoryKey = "AISTUDIO_DATA_DIR";

    /// <summary>The environment variable (or configuration key) holding the admin API token.</summary>
    public const string AdminTokenKey = "AISTUDIO_ADMIN_TOKEN";

    /// <summary>The data directory (absolute): contents, the admin token's hash, kernel runtime files.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The admin API token from configuration; null when the hub keeps a generated one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>aistudio-kernel.dll; null to look for it under kernel/ next to the hub.</summary>
    public string? KernelAssembly { get; init; }

    /// <summary>The dotnet host that runs the kernel; the hub's own host when null.</summary>
    public string? DotnetHost { get; init; }

    /// <summary>Where notebooks and files live.</summary>
    public string ContentsDirectory => Path.Combine(DataDirectory, "contents");

    /// <summary>Connection files of running kernels (0700).</summary>
    public string RuntimeDirectory => Path.Combine(DataDirectory, "runtime");

    /// <summary>Reads the options: AISTUDIO_DATA_DIR (default .aistudio-data under the current directory), AISTUDIO_ADMIN_TOKEN,
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
            KernelAssembly = configuration["Hub:KernelAssembly"] is { Length: > 0 } kernel ? Path.GetFullPath(kernel) : null,
            DotnetHost = configuration["Hub:DotnetHost"] is { Length: > 0 } host ? host : null,
        };
    }
}
