using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The hub reads its appsettings.json beside its assembly whatever the working directory it is started from (as a
/// service manager starts it): that file keeps ASP.NET Core's per-request logs at Warning. Run as its own process.
/// </summary>
public sealed partial class ContentRootTests
{
    [Fact]
    public async Task A_hub_started_from_another_directory_reads_its_appsettings()
    {
        using var work = new TempDirectory();
        var start = HubProcess.StartInfo(work.Path, Path.Combine(work.Path, "data"), "content-root-test");
        // Information for every category that appsettings.json does not name: the hub's own start-up lines show.
        start.Environment["Logging__LogLevel__Default"] = "Information";
        using var hub = Process.Start(start)!;
        var printed = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (printed)
            {
                printed.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } address)
            {
                listening.TrySetResult(address.Groups[1].Value);
            }
        }

        hub.OutputDataReceived += (_, e) => Read(e.Data);
        hub.ErrorDataReceived += (_, e) => Read(e.Data);
        hub.BeginOutputReadLine();
        hub.BeginErrorReadLine();
        try
        {
            using var timeout = Timeouts.After(Timeouts.Ready);
            var address = await listening.Task.WaitAsync(timeout.Token);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync(new Uri("/api", UriKind.Relative), timeout.Token);
                response.EnsureSuccessStatusCode();
            }
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            using var exit = Timeouts.After(Timeouts.Exit);
            await hub.WaitForExitAsync(exit.Token);
        }

        string output;
        lock (printed)
        {
            output = printed.ToString();
        }

        Assert.Contains("Now listening on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
