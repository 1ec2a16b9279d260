using System.Diagnostics;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>The built hub run as a process of its own (for what only a process shows: its exit code, its working directory).</summary>
internal static class HubProcess
{
    /// <summary>The built hub's assembly (hub/AIStudio.Hub/bin/&lt;Configuration&gt;/net10.0/AIStudio.Hub.dll).</summary>
    public static string BuiltHubAssembly => Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Hub", "bin", RepositoryLayout.Configuration, "net10.0", "AIStudio.Hub.dll");

    /// <summary>
    /// The hub (the built one, or <paramref name="hubDll"/>) from <paramref name="workingDirectory"/>, on a free port, no
    /// warm kernels, its output redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, string dataDirectory, string adminPassword, string? hubDll = null)
    {
        hubDll ??= BuiltHubAssembly;
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hubDll, "--urls", "http://127.0.0.1:0", "--Hub:WarmKernels=0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AISTUDIO_DATA_DIR"] = dataDirectory;
        start.Environment["AISTUDIO_ADMIN_PASSWORD"] = adminPassword;
        return start;
    }
}
