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

        return Directory.EnumerateDirectories(package)
            .Select(directory => (Directory: directory, Version: Version.TryParse(Path.GetFileName(directory), out var version) ? version : null))
            .Where(found => found.Version is not null)
            .OrderByDescending(found => found.Version)
            .Select(found => Path.Combine(found.Directory, "runtimes", "linux-x64", "native"))
            .FirstOrDefault(native => File.Exists(Path.Combine(native, "libtorch.so")));
    }
}
