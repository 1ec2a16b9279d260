using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The hub reads its appsettings.json beside its assembly whatever the working directory it is started from (as a
/// service manager starts it): that file keeps ASP.NET Core's per-request logs at Warning. Run as its own process.
/// </summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task A_hub_started_from_another_directory_reads_its_appsettings()
    {
        using var work = new TempDirectory();
        var start = HubProcess.StartInfo(work.Path, Path.Combine(work.Path, "data"), "content-root-test");
        // Information for every category that appsettings.json does not name: the hub's own start-up lines show.
        start.Environment["Logging__LogLevel__Default"] = "Information";
        var hub = LaunchedHub.Start(start);
        await using (hub)
        {
            using var timeout = Timeouts.After(Timeouts.Ready);
            var address = await hub.ListeningAsync(timeout.Token);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync(new Uri("/api", UriKind.Relative), timeout.Token);
                response.EnsureSuccessStatusCode();
            }
        }

        var output = hub.Output;
        Assert.Contains("Now listening on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
    }
}
