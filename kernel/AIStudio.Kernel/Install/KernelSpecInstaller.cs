using System.Text.Json;

namespace AIStudio.Kernel.Install;

/// <summary>
/// Writes a Jupyter kernelspec (kernel.json + logos) for this kernel, where Jupyter's tools look:
/// --user (the default) → the user's Jupyter data dir; --sys-prefix → the active environment's prefix;
/// --prefix DIR → DIR/share/jupyter/kernels.
/// </summary>
internal static class KernelSpecInstaller
{
    public const string DefaultName = "aistudio-csharp";
    public const string DefaultDisplayName = "C# (AI Studio)";

    public static string Install(InstallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsValidName(options.Name))
        {
            throw new ArgumentException($"Invalid kernel name '{options.Name}': use letters, digits, '-', '.' and '_' only.");
        }

        var directory = Path.Combine(KernelsDirectory(options), options.Name);
        Directory.CreateDirectory(directory);
        var spec = new Dictionary<string, object>
        {
            ["argv"] = Argv(),
            ["display_name"] = options.DisplayName,
            ["language"] = "csharp",
            ["interrupt_mode"] = "message",
            ["metadata"] = new Dictionary<string, object> { ["debugger"] = false, ["aistudio"] = new Dictionary<string, object> { ["device"] = options.Gpu ? "cuda" : "cpu" } },
        };
        var json = JsonSerializer.Serialize(spec, KernelSpecJson.Default.DictionaryStringObject);
        var target = Path.Combine(directory, "kernel.json");
        var temporary = target + ".tmp";
        File.WriteAllText(temporary, json + "\n");
        File.Move(temporary, target, overwrite: true);
        foreach (var logo in new[] { "logo-32x32.png", "logo-64x64.png", "logo-svg.svg" })
        {
            using var resource = typeof(KernelSpecInstaller).Assembly.GetManifestResourceStream($"AIStudio.Kernel.Install.{logo}");
            if (resource is not null)
            {
                using var file = File.Create(Path.Combine(directory, logo));
                resource.CopyTo(file);
            }
        }

        return directory;
    }

    /// <summary>The command that starts this kernel: the app host, or `dotnet aistudio-kernel.dll`.</summary>
    internal static string[] Argv()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(KernelSpecInstaller).Assembly.Location;
        var host = Path.GetFileNameWithoutExtension(processPath);
        return host.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [processPath, assembly, "--connection-file", "{connection_file}"]
            : [processPath, "--connection-file", "{connection_file}"];
    }

    private static string KernelsDirectory(InstallOptions options)
    {
        if (options.Prefix is not null)
        {
            return Path.Combine(Path.GetFullPath(options.Prefix), "share", "jupyter", "kernels");
        }

        if (options.SysPrefix)
        {
            var prefix = Environment.GetEnvironmentVariable("CONDA_PREFIX")
                ?? Environment.GetEnvironmentVariable("VIRTUAL_ENV")
                ?? "/usr/local";
            return Path.Combine(prefix, "share", "jupyter", "kernels");
        }

        var dataDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (string.IsNullOrEmpty(dataDir))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dataDir = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
        }

        return Path.Combine(dataDir, "kernels");
    }

    private static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
