using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Kernels;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>The warm pool, heartbeat monitoring of a kernel that hangs (stopped with SIGSTOP), and the idle culler.</summary>
[Collection(HubTests.Name)]
public sealed class KernelMonitorTests(HubFixture hub, ITestOutputHelper output)
{
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        using var deadline = Timeouts.After(limit);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_kernel_that_stops_answering_its_heartbeat_is_reported_dead_and_can_be_restarted()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("hung"));
        using var started = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        var kernelId = (await started.JsonAsync()).GetProperty("id").GetString()!;
        var kernel = hub.Service<KernelRegistry>().Find(kernelId)!;
        await kernel.Ready;
        var pid = kernel.Process.ProcessId!.Value;
        var tree = Tree(pid);

        foreach (var process in tree)
        {
            Signal("STOP", process);
        }

        try
        {
            var stopwatch = Stopwatch.StartNew();
            await WaitUntilAsync(async () => (await user.Client.GetJsonAsync($"api/kernels/{kernelId}")).GetProperty("execution_state").GetString() == "dead",
                TimeSpan.FromSeconds(20), "the hung kernel to be reported dead");
            output.WriteLine($"hung kernel reported dead after {stopwatch.ElapsedMilliseconds} ms");
            Assert.Contains(hub.Log.Lines, l => l.Contains($"Kernel {kernelId} stopped answering its heartbeat", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var process in tree)
            {
                Signal("CONT", process);
            }
        }

        using (var restart = await user.Client.PostAsync($"api/kernels/{kernelId}/restart", null))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        }

        Assert.NotEqual(pid, kernel.Process.ProcessId);
        Assert.Equal("idle", (await user.Client.GetJsonAsync($"api/kernels/{kernelId}")).GetProperty("execution_state").GetString());
        using var deleted = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    /// <summary>The process and its descendants (a sandboxed kernel runs under bwrap).</summary>
    private static List<int> Tree(int pid)
    {
        var all = new List<int> { pid };
        for (var i = 0; i < all.Count; i++)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{all[i]}/task"))
            {
                var children = Path.Combine(task, "children");
                if (File.Exists(children))
                {
                    all.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
                }
            }
        }

        return all;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}

/// <summary>The warm pool, on an unsandboxed hub of its own.</summary>
public sealed class WarmPoolTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_session_gets_a_warm_kernel_moved_to_the_notebooks_directory_and_the_pool_refills()
    {
        // The pool serves unsandboxed kernels only (a sandbox's writable paths are fixed before the owner is known).
        var hub = new HubFixture(["--Hub:Sandbox=none", "--Hub:WarmKernels=1"]);
        try
        {
            await hub.InitializeAsync();
            await RunAsync(hub);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private async Task RunAsync(HubFixture hub)
    {
        using var log = hub.Log.Attach(output);
        var registry = hub.Service<KernelRegistry>();
        await KernelMonitorTests.WaitUntilAsync(() => Task.FromResult(registry.WarmCount >= 1), Timeouts.Ready, "a warm kernel");

        using var user = await hub.CreateUserAsync(Http.Unique("warm"));
        using (var folder = await user.Client.PutAsJsonAsync("api/contents/lessons", new { type = "directory" }))
        {
            Assert.Equal(HttpStatusCode.Created, folder.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        using var created = await user.Client.PostAsJsonAsync("api/sessions", new { path = "lessons/one.ipynb", type = "notebook", kernel = new { name = "aistudio-csharp" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = (await created.JsonAsync()).GetProperty("kernel").GetProperty("id").GetString()!;
        Assert.Contains(hub.Log.Lines, l => l.Contains($"Kernel {kernelId} taken from the warm pool", StringComparison.Ordinal));
        var kernel = registry.Find(kernelId)!;
        Assert.Equal(user.Name, kernel.Owner.UserName);
        Assert.Equal(KernelState.Idle, kernel.State);
        output.WriteLine($"session with a warm kernel in {stopwatch.ElapsedMilliseconds} ms");

        using var timeout = Timeouts.After(Timeouts.FirstExecute);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token))
        {
            var (result, _) = await socket.RunAsync("System.IO.Directory.GetCurrentDirectory()", timeout.Token);
            Assert.Equal(Path.Combine(hub.ContentsDirectoryOf(user.Name), "lessons"), result);

            // The owner's variables, handed over with the move (#!set-env), as a cold start gets them at launch.
            var (environment, _) = await socket.RunAsync(
                "string.Join(\"|\", new[] { \"AISTUDIO_USER\", \"AISTUDIO_COMMERCIAL\", \"AISTUDIO_HUB_URL\" }.Select(System.Environment.GetEnvironmentVariable)) + \"|\" + System.Environment.GetEnvironmentVariable(\"AISTUDIO_HUB_TOKEN\")?.Length",
                timeout.Token);
            var parts = environment!.Split('|');
            Assert.Equal(user.Name, parts[0]);
            Assert.Equal("0", parts[1]);
            Assert.Equal($"http://127.0.0.1:{hub.BaseAddress.Port}/", parts[2]);
            Assert.True(int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) > 20, environment);
        }

        await KernelMonitorTests.WaitUntilAsync(() => Task.FromResult(registry.WarmCount >= 1), Timeouts.Ready, "the pool to refill");
        using var deleted = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

}

/// <summary>The idle culler, on a hub of its own that culls after one second.</summary>
public sealed class KernelCullingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_idle_kernel_without_clients_is_culled_and_the_stop_is_audited()
    {
        var hub = new HubFixture(["--Hub:CullIdleSeconds=1", "--Hub:WarmKernels=0"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var user = await hub.CreateUserAsync(Http.Unique("idle"));
            using var started = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var kernelId = (await started.JsonAsync()).GetProperty("id").GetString()!;
            using var deadline = Timeouts.After(TimeSpan.FromSeconds(30));
            while ((await user.Client.GetJsonAsync("api/kernels")).GetArrayLength() > 0)
            {
                Assert.False(deadline.IsCancellationRequested, "the idle kernel was not culled");
                await Task.Delay(200, CancellationToken.None);
            }

            // The stop is audited once the kernel has exited, a moment after it left the list.
            using var admin = hub.Client();
            while (!(await admin.GetJsonAsync("hub/api/audit?action=kernel.stop")).EnumerateArray()
                .Any(e => e.GetProperty("target").GetString() == kernelId && e.GetProperty("actor").GetString() == "culler"))
            {
                Assert.False(deadline.IsCancellationRequested, "the culling was not audited");
                await Task.Delay(100, CancellationToken.None);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
