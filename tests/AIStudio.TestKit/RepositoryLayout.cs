using System.Reflection;

namespace AIStudio.TestKit;

/// <summary>Finds the repository (the folder holding AIStudio.sln) and the build outputs in it.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root: the first folder above the test's binaries that holds AIStudio.sln.</summary>
    public static string RootDirectory => Root.Value;

    /// <summary>Debug or Release: the configuration these tests were built in (the kernel is built alongside).</summary>
    public static string Configuration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    /// <summary>kernel/AIStudio.Kernel/bin/&lt;Configuration&gt;/net10.0/aistudio-kernel.dll; throws saying what to build when it is missing.</summary>
    public static string KernelAssembly
    {
        get
        {
            var path = Path.Combine(RootDirectory, "kernel", "AIStudio.Kernel", "bin", Configuration, "net10.0", "aistudio-kernel.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The kernel is not built: {path} is missing. Run 'dotnet build kernel/AIStudio.Kernel -c {Configuration}' (building tests/AIStudio.Kernel.Tests builds it too).", path);
        }
    }

    /// <summary>hub/AIStudio.FunctionHost/bin/&lt;Configuration&gt;/net10.0/aistudio-function-host.dll (built with the hub); throws saying what to build when it is missing.</summary>
    public static string FunctionHostAssembly
    {
        get
        {
            var path = Path.Combine(RootDirectory, "hub", "AIStudio.FunctionHost", "bin", Configuration, "net10.0", "aistudio-function-host.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The function host is not built: {path} is missing. Run 'dotnet build hub/AIStudio.FunctionHost -c {Configuration}' (building hub/AIStudio.Hub builds it too).", path);
        }
    }

    /// <summary>The dotnet host that runs these tests (DOTNET_HOST_PATH), so the kernel runs on the same runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? process
                : "dotnet";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AIStudio.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No AIStudio.sln above {AppContext.BaseDirectory}.");
    }
}
