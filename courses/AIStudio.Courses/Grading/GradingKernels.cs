using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Finds the C# kernel that grades: a kernelspec (its folder or kernel.json), an aistudio-kernel.dll, the kernel copied
/// next to the running program (kernel/aistudio-kernel.dll, as the CLI and hub builds do), or the installed
/// <c>aistudio-csharp</c> kernelspec in Jupyter's data folders.
/// </summary>
public static class GradingKernels
{
    public const string KernelSpecName = "aistudio-csharp";
    public const string KernelAssemblyName = "aistudio-kernel.dll";

    /// <summary>The kernel at <paramref name="path"/> (a kernelspec folder, kernel.json or aistudio-kernel.dll), or the first one found.</summary>
    public static async Task<KernelSpec> FindAsync(string? path, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return await FromPathAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (Environment.GetEnvironmentVariable("AISTUDIO_KERNEL") is { Length: > 0 } configured)
        {
            return await FromPathAsync(configured, cancellationToken).ConfigureAwait(false);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "kernel", KernelAssemblyName);
        if (File.Exists(beside))
        {
            return FromAssembly(beside);
        }

        foreach (var folder in JupyterDataFolders())
        {
            var spec = Path.Combine(folder, "kernels", KernelSpecName, KernelSpec.FileName);
            if (File.Exists(spec))
            {
                return await KernelSpec.ReadAsync(spec, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new FileNotFoundException(
            $"No C# kernel found: pass --kernel (a kernelspec folder, kernel.json or {KernelAssemblyName}), set AISTUDIO_KERNEL, or install one with 'aistudio-kernel install'.");
    }

    /// <summary>A spec that runs aistudio-kernel.dll with the dotnet host running this process, without a history file.</summary>
    public static KernelSpec FromAssembly(string assembly) => new()
    {
        Argv = [DotnetHost(), Path.GetFullPath(assembly), "--connection-file", "{connection_file}", "--no-history"],
        DisplayName = "C# (AI Studio grader)",
        Language = "csharp",
        InterruptMode = KernelSpec.InterruptModeMessage,
        Name = KernelSpecName,
    };

    /// <summary>The dotnet host: this process when it is dotnet, else DOTNET_HOST_PATH, else dotnet on PATH.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
                ? host
                : "dotnet";

    private static async Task<KernelSpec> FromPathAsync(string path, CancellationToken cancellationToken)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(path) ? FromAssembly(path) : throw new FileNotFoundException($"The kernel {path} does not exist.", path);
        }

        var file = Directory.Exists(path) ? Path.Combine(path, KernelSpec.FileName) : path;
        return File.Exists(file)
            ? await KernelSpec.ReadAsync(file, cancellationToken).ConfigureAwait(false)
            : throw new FileNotFoundException($"No kernelspec at {path}: give a kernelspec folder, its kernel.json or {KernelAssemblyName}.", file);
    }

    /// <summary>Jupyter's data folders in its search order: JUPYTER_PATH, the user's, then the system's.</summary>
    private static IEnumerable<string> JupyterDataFolders()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_PATH") is { Length: > 0 } jupyterPath)
        {
            foreach (var folder in jupyterPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return folder;
            }
        }

        yield return Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data
            ? data
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter");
        yield return "/usr/local/share/jupyter";
        yield return "/usr/share/jupyter";
    }
}
