using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Kernels;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>Kernels in the bubblewrap sandbox (the hub's default where bwrap works, as on Debian): what user code can and cannot reach.</summary>
[Collection(HubTests.Name)]
public sealed class SandboxTests(HubFixture hub)
{
    [Fact]
    public async Task A_sandboxed_kernel_writes_its_users_files_and_sees_nothing_else_of_the_hub()
    {
        Assert.True(hub.Service<KernelRegistry>().Sandboxed, "bubblewrap should confine kernels here (the test command installs it)");
        using var alice = await hub.CreateUserAsync(Http.Unique("boxed"));
        using var bob = await hub.CreateUserAsync(Http.Unique("other"));
        using (var secret = await bob.Client.PutAsJsonAsync("api/contents/secret.txt", new { type = "file", format = "text", content = "bob's" }))
        {
            Assert.Equal(HttpStatusCode.Created, secret.StatusCode);
        }

        using var started = await alice.Client.PostAsJsonAsync("api/sessions", new { path = "work.ipynb", type = "notebook", kernel = new { name = "aistudio-csharp" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = await started.JsonAsync();
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;
        var bobRoot = hub.ContentsDirectoryOf(bob.Name);
        var database = Path.Combine(hub.DataDirectory, "hub.db");

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Request);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: alice.Token))
        {
            async Task<string?> Run(string code) => (await socket.RunAsync(code, timeout.Token)).Result;

            Assert.Equal("True", await Run("System.IO.File.WriteAllText(\"made-in-kernel.txt\", \"hello\"); System.IO.File.Exists(\"made-in-kernel.txt\")"));
            Assert.Equal("False", await Run($"System.IO.File.Exists(@\"{bobRoot}/secret.txt\")"));
            Assert.Equal("False", await Run($"System.IO.File.Exists(@\"{database}\")"));
            Assert.Equal("False", await Run($"System.IO.Directory.Exists(@\"{Path.Combine(hub.DataDirectory, "keys")}\")"));
            // The system is mounted read-only: writing outside the user's files fails (EROFS or EACCES).
            Assert.Contains(await Run("string outcome; try { System.IO.File.WriteAllText(\"/etc/aistudio-escape\", \"x\"); outcome = \"written\"; } catch (System.Exception e) { outcome = e.GetType().Name; }\noutcome"),
                new[] { "IOException", "UnauthorizedAccessException" });
            // The managed heap: Hub:KernelMemoryMB (4 GB), kept below 3/4 of the Free plan's 4 GB control group: 3 GB.
            Assert.Equal("0xC0000000", await Run("System.Environment.GetEnvironmentVariable(\"DOTNET_GCHeapHardLimit\")"));
            // Its hub's own port answers from inside (a Free plan's kernel has no network but the package feeds and its hub).
            Assert.Equal("connected", await Run(Probe(hub.BaseAddress.Port)));
        }

        var file = await alice.Client.GetJsonAsync("api/contents/made-in-kernel.txt");
        Assert.Equal("hello", file.GetProperty("content").GetString());
        Assert.False(File.Exists("/etc/aistudio-escape"));
        using var deleted = await alice.Client.DeleteAsync($"api/sessions/{session.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Without_network_a_kernel_reaches_nothing_outside_yet_runs_through_the_hub()
    {
        var isolated = new HubFixture(["--Hub:KernelNetwork=false", "--Hub:WarmKernels=0"]);
        try
        {
            await isolated.InitializeAsync();
            Assert.Contains(isolated.Log.Lines, line => line.Contains("Kernel sandbox: bubblewrap, no network", StringComparison.Ordinal));
            using var user = await isolated.CreateUserAsync(Http.Unique("offline"));
            using var started = await user.Client.PostAsJsonAsync("api/sessions", new { path = "offline.ipynb", type = "notebook", kernel = new { name = "aistudio-csharp" } });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var kernelId = (await started.JsonAsync()).GetProperty("kernel").GetProperty("id").GetString()!;

            using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Request + TimeSpan.FromSeconds(180));
            await using var socket = await KernelSocket.ConnectAsync(isolated.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token);
            Assert.Equal("42", (await socket.RunAsync("6 * 7", timeout.Token)).Result);
            // Its loopback is its own: the hub's port (and anything else) is refused.
            Assert.Equal("ConnectionRefused", (await socket.RunAsync(Probe(isolated.BaseAddress.Port), timeout.Token)).Result);
            // Whatever the plan (Free: package feeds), Hub:KernelNetwork=false leaves no way out: no proxy either, and a
            // package download fails, saying why.
            Assert.Equal("none, no links", (await socket.RunAsync("System.Environment.GetEnvironmentVariable(\"AISTUDIO_KERNEL_NETWORK\") + \", \" + (System.Environment.GetEnvironmentVariable(\"AISTUDIO_KERNEL_LINKS\") ?? \"no links\")", timeout.Token)).Result);
            using var restore = Timeouts.After(TimeSpan.FromSeconds(180));
            var (_, seen) = await socket.RunAsync("#r \"nuget: Pluralize.NET, 1.0.2\"", restore.Token);
            Assert.Contains(seen, m => m.MessageType == "execute_reply" && m.Content.GetProperty("status").GetString() == "error");
            Assert.Contains(seen, m => m.MessageType == "stream" && m.Content.GetProperty("text").GetString()!.Contains("This kernel has no network", StringComparison.Ordinal));
        }
        finally
        {
            await isolated.DisposeAsync();
        }
    }

    /// <summary>A cell that connects to a port on 127.0.0.1: "connected", or the socket error's name.</summary>
    private static string Probe(int port) =>
        $"string Probe() {{ try {{ using var c = new System.Net.Sockets.TcpClient(); c.Connect(\"127.0.0.1\", {port}); return \"connected\"; }} " +
        "catch (System.Net.Sockets.SocketException e) { return e.SocketErrorCode.ToString(); } }\nProbe()";
}
