using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Hub.Egress;
using AIStudio.Hub.Kernels;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Each plan's kernel network, in real sandboxed kernels of a real hub: Free (and Starter) kernels reach only the package
/// feeds, through the hub's egress proxy, and the hub itself — <c>#r "nuget:"</c> downloads a package no one here has,
/// while an outside address, any other HTTPS site and plain HTTP fail, and a tunnel to another host gets a 403 that says
/// why; Professional kernels reach the internet. The plans API and the dashboard show each plan's network.
/// </summary>
[Collection(HubTests.Name)]
public sealed class KernelNetworkTests(HubFixture hub, ITestOutputHelper output)
{
    /// <summary>A tiny package (50 KB, no dependencies) nothing in the repository uses: a fresh user's package folder lacks it.</summary>
    private const string Package = "Pluralize.NET, 1.0.2";

    private static readonly TimeSpan Restore = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_free_plan_kernel_reaches_the_package_feeds_and_its_hub_but_nothing_else()
    {
        Assert.True(hub.Service<KernelRegistry>().Sandboxed, "bubblewrap should confine kernels here (the test command installs it)");
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("packages"));
        var (kernelId, sessionId) = await StartAsync(user, "packages.ipynb");
        string socketFolder;

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Restore + (4 * Timeouts.Request));
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token))
        {
            Assert.Equal("packages", await RunOkAsync(socket, "System.Environment.GetEnvironmentVariable(\"AISTUDIO_KERNEL_NETWORK\")", timeout.Token));
            socketFolder = (await RunOkAsync(socket, "System.Environment.GetEnvironmentVariable(\"AISTUDIO_KERNEL_SOCKET_DIR\")", timeout.Token))!;
            Assert.True(File.Exists(Path.Combine(socketFolder, "egress.sock")), "the kernel's egress socket is served by the hub");
            Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+$", await RunOkAsync(socket, "System.Environment.GetEnvironmentVariable(\"HTTPS_PROXY\")", timeout.Token));

            // No route out: an outside address cannot even be connected to.
            Assert.NotEqual("connected", await RunOkAsync(socket, Connect("System.Net.IPAddress.Parse(\"1.1.1.1\")", 443), timeout.Token));
            // An arbitrary HTTPS site: the proxy refuses the tunnel (the HttpClient's error names the 403).
            var https = await RunOkAsync(socket, Fetch("https://example.com/"), timeout.Token);
            Assert.Contains("403", https, StringComparison.Ordinal);
            Assert.StartsWith("HttpRequestException", https, StringComparison.Ordinal);
            // Plain HTTP, even to a feed: 403.
            Assert.Equal("403", await RunOkAsync(socket, Fetch("http://api.nuget.org/v3/index.json"), timeout.Token));
            // Asked by hand, the proxy says why.
            var refused = await RunOkAsync(socket, """
                var proxy = new System.Uri(System.Environment.GetEnvironmentVariable("HTTPS_PROXY"));
                var tcp = new System.Net.Sockets.TcpClient("127.0.0.1", proxy.Port);
                var stream = tcp.GetStream();
                stream.Write(System.Text.Encoding.ASCII.GetBytes("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
                new System.IO.StreamReader(stream).ReadToEnd()
                """, timeout.Token);
            Assert.StartsWith("HTTP/1.1 403 Forbidden", refused, StringComparison.Ordinal);
            Assert.Contains("example.com:443 is not a package feed", refused, StringComparison.Ordinal);
            Assert.Contains(hub.Log.Lines, line => line.Contains($"Egress refused for kernel {kernelId} of {user.Name}: CONNECT example.com:443", StringComparison.Ordinal));

            // Its hub is reached at the address it was given (the Deploy extension's way), with its token.
            Assert.Contains("\"plan\":\"free\"", await RunOkAsync(socket, """
                var http = new System.Net.Http.HttpClient();
                http.DefaultRequestHeaders.Add("Authorization", "token " + System.Environment.GetEnvironmentVariable("AISTUDIO_HUB_TOKEN"));
                http.GetStringAsync(System.Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL") + "hub/api/agents/policy").Result
                """, timeout.Token), StringComparison.Ordinal);

            // A package download through the proxy: its user's own package folder starts empty.
            Assert.False(Directory.Exists(Path.Combine(hub.DataDirectory, "packages", UserId(user.Name), "pluralize.net")));
            using (var restore = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
            {
                restore.CancelAfter(Restore);
                await RunOkAsync(socket, $"#r \"nuget: {Package}\"", restore.Token);
            }

            Assert.Equal("boxes", await RunOkAsync(socket, "new Pluralize.NET.Pluralizer().Pluralize(\"box\")", timeout.Token));
            Assert.True(Directory.Exists(Path.Combine(hub.DataDirectory, "packages", UserId(user.Name), "pluralize.net", "1.0.2")));
        }

        using var deleted = await user.Client.DeleteAsync($"api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        // Stopped: its proxy listener (and any tunnel of it) is gone.
        Assert.False(File.Exists(Path.Combine(socketFolder, "egress.sock")), "the egress socket outlived its kernel");
    }

    [Fact]
    public async Task A_professional_plan_kernel_reaches_the_internet()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("full"), new { plan = "professional" });
        var (kernelId, sessionId) = await StartAsync(user, "full.ipynb");

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + (2 * Timeouts.Request));
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token))
        {
            Assert.Equal("full", await RunOkAsync(socket, "System.Environment.GetEnvironmentVariable(\"AISTUDIO_KERNEL_NETWORK\")", timeout.Token));
            Assert.Equal("connected", await RunOkAsync(socket, Connect("\"api.nuget.org\"", 443), timeout.Token));
        }

        using var deleted = await user.Client.DeleteAsync($"api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task The_plans_api_the_usage_and_the_dashboard_show_each_plans_kernel_network()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("plans"));
        var plans = await user.Client.GetJsonAsync("hub/api/plans");
        var networks = plans.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("kernel_network").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["free"] = "packages", ["starter"] = "packages", ["professional"] = "full", ["enterprise"] = "full" }, networks);

        var usage = await user.Client.GetJsonAsync($"hub/api/users/{user.Name}/usage");
        Assert.Equal("packages", usage.GetProperty("plan").GetProperty("kernel_network").GetString());

        var home = await user.Client.GetStringAsync("hub/home");
        Assert.Matches("id=\"plan-network\">.*Package feeds only \\(NuGet\\)", home);
    }

    private static async Task<(string KernelId, string SessionId)> StartAsync(TestUser user, string path)
    {
        using var started = await user.Client.PostAsJsonAsync("api/sessions", new { path, type = "notebook", kernel = new { name = "aistudio-csharp" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = await started.JsonAsync();
        return (session.GetProperty("kernel").GetProperty("id").GetString()!, session.GetProperty("id").GetString()!);
    }

    private string UserId(string name) => Path.GetFileName(hub.ContentsDirectoryOf(name));

    /// <summary>Runs a cell that must not fail; its text/plain result.</summary>
    private static async Task<string?> RunOkAsync(KernelSocket socket, string code, CancellationToken cancellationToken)
    {
        var (result, seen) = await socket.RunAsync(code, cancellationToken);
        var errors = seen.Where(m => m.MessageType == "error" || (m.MessageType == "execute_reply" && m.Content.GetProperty("status").GetString() != "ok")).ToList();
        Assert.True(errors.Count == 0, $"the cell failed: {code}\n" + string.Join("\n", seen.Where(m => m.MessageType is "error" or "stream" or "execute_reply").Select(m => JsonSerializer.Serialize(m.Content))));
        return result;
    }

    /// <summary>A cell that connects to host:port: "connected", or the socket error's name.</summary>
    private static string Connect(string host, int port) =>
        $"string Connect() {{ try {{ using var c = new System.Net.Sockets.TcpClient(); c.Connect({host}, {port}); return \"connected\"; }} " +
        "catch (System.Net.Sockets.SocketException e) { return e.SocketErrorCode.ToString(); } }\nConnect()";

    /// <summary>A cell that GETs a URL with the default HttpClient (the process's proxy): the status code, or the exception.</summary>
    private static string Fetch(string url) =>
        "string Fetch() { try { using var http = new System.Net.Http.HttpClient { Timeout = System.TimeSpan.FromSeconds(20) }; " +
        $"return ((int)http.GetAsync(\"{url}\").Result.StatusCode).ToString(); }} " +
        "catch (System.Exception e) { var inner = e is System.AggregateException a ? a.InnerException! : e; return inner.GetType().Name + \": \" + inner.Message; } }\nFetch()";
}
