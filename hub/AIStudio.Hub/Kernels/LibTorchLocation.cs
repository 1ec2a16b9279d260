namespace AIStudio.Hub.Kernels;

/// <summary>
/// Finds libtorch (the native library behind TorchSharp) for the kernels the hub starts: the newest
/// <c>libtorch-cpu-linux-x64</c> package in this process's NuGet cache, which the Training extension's build restores.
/// Kernels see it read-only (the sandbox binds the whole file system read-only).
/// </summary>
public static class LibTorchLocation
{
    private const string Package = "libtorch-cpu-linux-x64";

    /// <summary>The package's native folder, or null when there is none (TorchSharp then says how to get it).</summary>
    public static string? InNuGetCache()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Path.Combine(cache, Package);
        if (!Directory.Exists(package))
        {
            return null;
        }

        // The newest version with the library; a plain loop (this runs on every start of the hub, before it listens).
        string? newest = null;
        Version? newestVersion = null;
        foreach (var directory in Directory.EnumerateDirectories(package))
        {
            var native = Path.Combine(directory, "runtimes", "linux-x64", "native");
            if (Version.TryParse(Path.GetFileName(directory), out var version) && (newestVersion is null || version > newestVersion)
                && File.Exists(Path.Combine(native, "libtorch.so")))
            {
                (newest, newestVersion) = (native, version);
            }
        }

        return newest;
    }
}
