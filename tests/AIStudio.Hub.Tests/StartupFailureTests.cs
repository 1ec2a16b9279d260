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

        var start = HubProcess.StartInfo(work.Path, data, "startup-failure-test");
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
