namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// What a launched process inherits from its launcher's environment: only what a .NET program, NuGet, TLS and the locale
/// need. The launcher's own settings — a hub's admin token and database password, cloud credentials, anything else set
/// for it — are not the kernel's business: user code reads its environment. The launch request and the kernelspec add
/// their own variables on top.
/// </summary>
public static class InheritedEnvironment
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "LD_LIBRARY_PATH",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "AISTUDIO_KERNEL_VERBOSE",
    };

    private static readonly string[] Prefixes = ["LC_", "XDG_", "DOTNET_", "NUGET_", "CUDA_", "NVIDIA_"];

    /// <summary>
    /// The launcher's own tuning, not the program's: inline socket completions (the hub sets them for itself) would run
    /// user code's continuations after a socket read on the runtime's socket event threads, where a long cell stalls the
    /// kernel's other sockets.
    /// </summary>
    private static readonly HashSet<string> LauncherOnly = new(StringComparer.Ordinal) { "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS" };

    /// <summary>True when a variable of the launcher's environment passes to what it launches.</summary>
    public static bool Passes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !LauncherOnly.Contains(name) && (Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)));
    }

    /// <summary>Removes from <paramref name="environment"/> (a copy of the launcher's) every variable that does not pass.</summary>
    public static void Filter(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in environment.Keys.Where(n => !Passes(n)).ToList())
        {
            environment.Remove(name);
        }
    }
}
