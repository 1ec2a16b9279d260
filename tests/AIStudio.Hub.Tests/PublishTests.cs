using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// <c>dotnet publish hub/AIStudio.Hub</c> (how a deployment ships the hub) carries the kernel and the function host as the
/// build output does: a published hub, started from another directory, starts kernels from its own folder that run code.
/// </summary>
public sealed class PublishTests
{
    private const string AdminToken = "publish-test-token-0123456789";

    [Fact]
    public async Task A_published_hub_carries_its_kernel_and_function_host_and_starts_kernels()
    {
        using var work = new TempDirectory();
        var published = Path.Combine(work.Path, "hub");
        await PublishAsync(published);
        var kernel = Path.Combine(published, "kernel", "aistudio-kernel.dll");
        Assert.True(File.Exists(kernel), "the publish folder has no kernel/aistudio-kernel.dll");
        Assert.True(File.Exists(Path.Combine(published, "functionhost", "aistudio-function-host.dll")), "the publish folder has no functionhost/aistudio-function-host.dll");

        var start = HubProcess.StartInfo(work.Path, Path.Combine(work.Path, "data"), "publish-test", Path.Combine(published, "AIStudio.Hub.dll"));
        start.Environment["AISTUDIO_ADMIN_TOKEN"] = AdminToken;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var hub = LaunchedHub.Start(start);
        await using (hub)
        {
            using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
            using var http = new HttpClient { BaseAddress = new Uri(await hub.ListeningAsync(timeout.Token)) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", AdminToken);
            using var started = await http.PostAsJsonAsync(new Uri("/api/kernels", UriKind.Relative), new { name = "aistudio-csharp" }, timeout.Token);
            Assert.True(started.IsSuccessStatusCode, $"starting a kernel: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(timeout.Token)}");
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("id").GetString();

            // The published kernel runs code (the WebSocket waits for it to be ready, and for the cell's status idle).
            await using (var socket = await KernelSocket.ConnectAsync(http.BaseAddress, id!, v1: true, timeout.Token, token: AdminToken))
            {
                var (result, _) = await socket.RunAsync("6*7", timeout.Token);
                Assert.Equal("42", result);
            }

            var model = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/kernels/{id}", UriKind.Relative), timeout.Token);
            Assert.Equal("idle", model.GetProperty("execution_state").GetString());
            Assert.Contains(ProcessTree.DescendantsOf(hub.ProcessId), pid => ProcessTree.CommandLine(pid).Contains(kernel, StringComparison.Ordinal));
        }
    }

    private static async Task PublishAsync(string folder)
    {
        var project = Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Hub", "AIStudio.Hub.csproj");
        // From the build the tests run on (--no-build): what the publish adds is the copying, the kernel's ReadyToRun
        // image is up to date already.
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", RepositoryLayout.Configuration, "--no-build", "-nologo", "-nodeReuse:false", "-o", folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = Timeouts.After(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{await output}\n{await errors}");
    }
}
