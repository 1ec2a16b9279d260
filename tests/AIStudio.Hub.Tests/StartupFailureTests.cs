using System.Diagnostics;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// What the hub reads while it starts, besides its database, that can be broken on disk: it stops (exit code 1) with a
/// message naming the file, and leaves the file as it was. Run as its own process: stopping sets the exit code.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task An_unreadable_OAuth_signing_key_stops_the_hub_naming_the_file()
    {
        using var work = new TempDirectory();
        var data = Path.Combine(work.Path, "data");
        var key = Path.Combine(data, "keys", "oauth-signing.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        await File.WriteAllTextAsync(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");

        var hubDll = Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Hub", "bin", RepositoryLayout.Configuration, "net10.0", "AIStudio.Hub.dll");
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hubDll, "--urls", "http://127.0.0.1:0", "--Hub:WarmKernels=0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AISTUDIO_DATA_DIR"] = data;
        start.Environment["AISTUDIO_ADMIN_PASSWORD"] = "startup-failure-test";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var hub = Process.Start(start)!;
        var output = hub.StandardOutput.ReadToEndAsync();
        var errors = hub.StandardError.ReadToEndAsync();
        using var timeout = Timeouts.After(Timeouts.Exit);
        try
        {
            await hub.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!hub.HasExited)
            {
                hub.Kill(entireProcessTree: true);
            }
        }

        var printed = await output + await errors;
        Assert.True(hub.ExitCode == 1, $"exit code {hub.ExitCode}:\n{printed}");
        Assert.Contains($"The OAuth signing key {key} could not be read or made; the hub stops.", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);
        Assert.Equal("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n", await File.ReadAllTextAsync(key));
    }
}
