using System.Runtime.InteropServices;

namespace AIStudio.Extensions.Training.Torch;

/// <summary>
/// Finds and loads libtorch, the native library TorchSharp drives, before TorchSharp's first call. TorchSharp itself looks
/// only beside the application and (in notebooks) next to its own NuGet package; the kernel keeps the ~600 MB library out
/// of its build output, so this looks, in order: <c>AISTUDIO_LIBTORCH</c> (a directory), beside the application (the
/// GPU kernel image publishes the CUDA build there), and the NuGet cache's <c>libtorch-cpu-linux-x64</c> package (restored
/// with the extension, or by <c>#r "nuget:libtorch-cpu-linux-x64,2.10.0"</c>). Loading the libraries by path makes them
/// known by their names, so TorchSharp's own load then finds them.
/// </summary>
public static class LibTorch
{
    /// <summary>The libtorch version TorchSharp 0.107.0 was built against.</summary>
    public const string Version = "2.10.0";

    /// <summary>The environment variable naming a directory that holds libtorch's shared libraries.</summary>
    public const string DirectoryVariable = "AISTUDIO_LIBTORCH";

    private const string CpuPackage = "libtorch-cpu-linux-x64";

    /// <summary>Loaded in dependency order; each must be found.</summary>
    private static readonly string[] Libraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    private static readonly Lock Gate = new();
    private static string? _loadedFrom;

    /// <summary>Where libtorch was loaded from; null before <see cref="EnsureLoaded"/>.</summary>
    public static string? LoadedFrom
    {
        get
        {
            lock (Gate)
            {
                return _loadedFrom;
            }
        }
    }

    /// <summary>Loads libtorch once; returns the directory it came from. Throws <see cref="LibTorchNotFoundException"/> if none is found.</summary>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loadedFrom is not null)
            {
                return _loadedFrom;
            }

            if (AlreadyLoaded() is { } loaded)
            {
                _loadedFrom = loaded;
                return loaded;
            }

            var candidates = Candidates().ToList();
            foreach (var directory in candidates)
            {
                if (Libraries.All(library => File.Exists(Path.Combine(directory, library))))
                {
                    Load(directory);
                    _loadedFrom = directory;
                    return directory;
                }
            }

            throw new LibTorchNotFoundException(
                "TorchSharp needs libtorch, and none was found. Looked in: " + string.Join("; ", candidates) + ". " +
                $"Restore the CPU build with #r \"nuget:{CpuPackage},{Version}\" in a cell (once per machine), " +
                $"set {DirectoryVariable} to a directory holding libtorch.so, or use a GPU kernel.");
        }
    }

    /// <summary>The directories looked in, in order.</summary>
    public static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            yield return Path.GetFullPath(configured);
        }

        yield return AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        yield return Path.Combine(packages, CpuPackage, Version, "runtimes", "linux-x64", "native");
    }

    /// <summary>
    /// Where the process's libtorch came from when something loaded one already (TorchSharp's own search, or a
    /// <c>#r</c>'d package): loading a second copy would abort the process.
    /// </summary>
    private static string? AlreadyLoaded()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var at = line.IndexOf('/', StringComparison.Ordinal);
            if (at >= 0 && line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal))
            {
                return Path.GetDirectoryName(line[at..]);
            }
        }

        return null;
    }

    private static void Load(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            // On Windows and macOS TorchSharp's own search (beside the application) is the one that applies.
            return;
        }

        // libtorch_cpu links the OpenMP runtime that ships beside it under a hashed name (libgomp-<hash>.so.1).
        foreach (var openMp in Directory.EnumerateFiles(directory, "libgomp*.so*"))
        {
            NativeLibrary.Load(openMp);
        }

        foreach (var library in Libraries)
        {
            NativeLibrary.Load(Path.Combine(directory, library));
        }
    }
}
