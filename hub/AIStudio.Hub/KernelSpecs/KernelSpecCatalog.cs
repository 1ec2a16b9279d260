using System.Text.Json;
using AIStudio.Hub.Hosting;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.KernelSpecs;

/// <summary>
/// The kernelspecs the hub offers: <c>aistudio-csharp</c>, the kernel built with the hub (kernel/aistudio-kernel.dll next to
/// the hub's binaries, or Hub:KernelAssembly), run by the same dotnet host as the hub.
/// </summary>
public sealed class KernelSpecCatalog
{
    public const string DefaultName = "aistudio-csharp";
    public const string DefaultDisplayName = "C# (AI Studio)";
    public const string GpuName = "aistudio-csharp-gpu";
    public const string GpuDisplayName = "C# on GPU (AI Studio)";

    /// <summary>The logo files served from /kernelspecs/{name}/{file}, with their resource keys as jupyter_server names them.</summary>
    public static readonly IReadOnlyList<(string Key, string File, string MediaType)> Logos =
    [
        ("logo-32x32", "logo-32x32.png", "image/png"),
        ("logo-64x64", "logo-64x64.png", "image/png"),
        ("logo-svg", "logo-svg.svg", "image/svg+xml"),
    ];

    private readonly HubOptions _options;

    public KernelSpecCatalog(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Names = options.Gpus > 0 ? [DefaultName, GpuName] : [DefaultName];
    }

    /// <summary>The specs this hub can run: the GPU one only where the launcher has GPUs.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The spec with that name, or null.</summary>
    public KernelSpec? Find(string name) => name switch
    {
        DefaultName => CSharp(DefaultName, DefaultDisplayName, gpu: false),
        GpuName when Names.Contains(GpuName) => CSharp(GpuName, GpuDisplayName, gpu: true),
        _ => null,
    };

    /// <summary>True for a spec whose kernels use a GPU (metered in GPU-seconds, allowed only on plans with GPU kernels).</summary>
    public static bool IsGpu(KernelSpec spec) => spec is { Name: GpuName };

    /// <summary>A logo's bytes, or null when the spec or file is unknown.</summary>
    public static Stream? OpenResource(string name, string file)
    {
        if (name is not (DefaultName or GpuName) || !Logos.Any(l => l.File == file))
        {
            return null;
        }

        return typeof(KernelSpecCatalog).Assembly.GetManifestResourceStream($"AIStudio.Hub.KernelSpecs.{file}");
    }

    /// <summary>Where aistudio-kernel.dll is expected.</summary>
    public string KernelAssembly => _options.KernelAssembly ?? Path.Combine(AppContext.BaseDirectory, "kernel", "aistudio-kernel.dll");

    private KernelSpec CSharp(string name, string displayName, bool gpu) => new()
    {
        Argv =
        [
            DotnetHost(), KernelAssembly, "--connection-file", "{connection_file}",
        ],
        DisplayName = displayName,
        Language = "csharp",
        InterruptMode = KernelSpec.InterruptModeMessage,
        Env = gpu ? new Dictionary<string, string>(StringComparer.Ordinal) { ["AISTUDIO_DEVICE"] = "cuda" } : new Dictionary<string, string>(StringComparer.Ordinal),
        Metadata = JsonSerializer.SerializeToElement(new Dictionary<string, bool>(StringComparer.Ordinal) { ["debugger"] = false, ["gpu"] = gpu }),
        Name = name,
    };

    /// <summary>The dotnet host that runs the hub's .NET processes (kernels, C# functions): Hub:DotnetHost, or the hub's own.</summary>
    public string DotnetHost()
    {
        if (_options.DotnetHost is { } configured)
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
