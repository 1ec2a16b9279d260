using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// <c>dotnet publish hub/AIStudio.Hub</c> (a portable, framework-dependent hub) and the Server publish profile (how a server
/// ships it: self-contained) carry the kernel and the function host as the build output does: a published hub, started
/// from another directory, starts kernels from its own folder that run code.
/// </summary>
public sealed class PublishTests
{
    private const string AdminToken = "publish-test-token-0123456789";

    [Fact]
    public async Task A_published_hub_carries_its_kernel_and_function_host_and_starts_kernels()
    {
        using var work = new TempDirectory();
        var published = Path.Combine(work.Path, "hub");
        // From the build the tests run on (--no-build): what the publish adds is the copying, the kernel's ReadyToRun
        // image is up to date already.
        await PublishAsync(published, "-c", RepositoryLayout.Configuration, "--no-build");
        var start = HubProcess.StartInfo(work.Path, Path.Combine(work.Path, "data"), "publish-test", Path.Combine(published, "AIStudio.Hub.dll"));
        await RunsKernelsAsync(published, start);
    }

    [Fact]
    public async Task The_Server_profile_publishes_a_self_contained_hub_whose_kernels_run_on_the_machines_dotnet()
    {
        using var work = new TempDirectory();
        var published = Path.Combine(work.Path, "hub");
        // The profile as it is, but for its ReadyToRun composite compile (several minutes of the SDK's crossgen, the same
        // files): what the profile and the hub's project decide is what ends up where, and that it runs.
        await PublishAsync(published, "-p:PublishProfile=Server", "-p:PublishReadyToRun=false");
        Assert.Contains("\"includedFrameworks\"", await File.ReadAllTextAsync(Path.Combine(published, "AIStudio.Hub.runtimeconfig.json")), StringComparison.Ordinal);
        foreach (var runtimeConfig in new[] { "kernel/aistudio-kernel.runtimeconfig.json", "functionhost/aistudio-function-host.runtimeconfig.json" })
        {
            // Run by the machine's dotnet, they must name their frameworks (a self-contained one does not start that way).
            var text = await File.ReadAllTextAsync(Path.Combine(published, runtimeConfig));
            Assert.DoesNotContain("includedFrameworks", text, StringComparison.Ordinal);
            Assert.Contains("Microsoft.NETCore.App", text, StringComparison.Ordinal);
        }

        var start = HubProcess.StartInfo(work.Path, Path.Combine(work.Path, "data"), "publish-test", Path.Combine(published, "AIStudio.Hub.dll"));
        start.FileName = Path.Combine(published, "AIStudio.Hub");
        start.ArgumentList.RemoveAt(0);
        await RunsKernelsAsync(published, start);
    }

    private static async Task RunsKernelsAsync(string published, ProcessStartInfo start)
    {
        var kernel = Path.Combine(published, "kernel", "aistudio-kernel.dll");
        Assert.True(File.Exists(kernel), "the publish folder has no kernel/aistudio-kernel.dll");
        Assert.True(File.Exists(Path.Combine(published, "functionhost", "aistudio-function-host.dll")), "the publish folder has no functionhost/aistudio-function-host.dll");

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

    private static async Task PublishAsync(string folder, params string[] options)
    {
        var project = Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Hub", "AIStudio.Hub.csproj");
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["publish", project, .. options, "-nologo", "-nodeReuse:false", "-o", folder];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = Timeouts.After(TimeSpan.FromMinutes(10));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{await output}\n{await errors}");
    }
}
