using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using AIStudio.Hub.Egress;
using AIStudio.Hub.Hosting;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The egress proxy of kernels whose plan allows only package downloads, on its own: real listeners (a Unix socket, as
/// kernels reach it, and loopback TCP), real clients speaking HTTP proxy requests, and a real tunnel to NuGet.org.
/// </summary>
public sealed class EgressProxyTests : IDisposable
{
    private readonly TempDirectory _folder = new("aistudio-egress");
    private readonly TestLog _log = new();

    [Theory]
    [InlineData("api.nuget.org", 443, true)]
    [InlineData("API.NuGet.org.", 443, true)]
    [InlineData("globalcdn.nuget.org", 443, true)]
    [InlineData("azuresearch-usnc.nuget.org", 443, true)]
    [InlineData("api.nuget.org", 80, false)]
    [InlineData("api.nuget.org", 8443, false)]
    [InlineData("nuget.org", 443, false)]
    [InlineData("evilnuget.org", 443, false)]
    [InlineData("api.nuget.org.evil.example", 443, false)]
    [InlineData("example.com", 443, false)]
    [InlineData("140.82.112.3", 443, false)]
    [InlineData("", 443, false)]
    public void The_default_feeds_are_nuget_org_over_https_only(string host, int port, bool allowed) =>
        Assert.Equal(allowed, new PackageFeedAllowList(PackageFeedAllowList.NuGetOrg).Allows(host, port));

    [Fact]
    public void Configured_feeds_take_a_port_and_wildcards_and_refuse_what_is_not_a_host_name()
    {
        var feeds = new PackageFeedAllowList(["pkgs.example.com:8443", "*.feeds.example.org", " MyGet.org "]);
        Assert.Equal(["pkgs.example.com:8443", "*.feeds.example.org", "myget.org"], feeds.Entries);
        Assert.True(feeds.Allows("pkgs.example.com", 8443));
        Assert.False(feeds.Allows("pkgs.example.com", 443));
        Assert.True(feeds.Allows("a.b.feeds.example.org", 443));
        Assert.False(feeds.Allows("feeds.example.org", 443));
        Assert.True(feeds.Allows("myget.org", 443));
        foreach (var bad in new[] { "10.0.0.1", "*.com", "host:0", "host:x", "a*b.example.com", "http://api.nuget.org" })
        {
            var e = Assert.Throws<InvalidOperationException>(() => new PackageFeedAllowList([bad]));
            Assert.Contains("Hub:PackageFeeds", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_tunnel_to_another_host_is_refused_with_403_saying_why_and_logged_with_the_kernel_and_user()
    {
        await using var tunnels = Proxy().Serve(new UnixDomainSocketEndPoint(Path.Combine(_folder.Path, "egress.sock")), "kernel-1", "alice");
        var (status, body) = await RequestAsync(tunnels.Listening, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");

        Assert.Equal("HTTP/1.1 403 Forbidden", status);
        Assert.Contains("example.com:443 is not a package feed", body, StringComparison.Ordinal);
        Assert.Contains("api.nuget.org", body, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, line => line.Contains("Egress refused for kernel kernel-1 of alice: CONNECT example.com:443", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_http_through_the_proxy_is_refused_even_to_a_feed()
    {
        await using var tunnels = Proxy().Serve(new IPEndPoint(IPAddress.Loopback, 0), "kernel-2", "bob");
        var (status, body) = await RequestAsync(tunnels.Listening, "GET http://api.nuget.org/v3/index.json HTTP/1.1\r\nHost: api.nuget.org\r\n\r\n");

        Assert.Equal("HTTP/1.1 403 Forbidden", status);
        Assert.Contains("Plain HTTP is refused", body, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, line => line.Contains("Egress refused for kernel kernel-2 of bob: GET http://api.nuget.org/v3/index.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_allowed_name_that_resolves_to_this_machine_is_refused()
    {
        await using var tunnels = Proxy(["localhost"]).Serve(new IPEndPoint(IPAddress.Loopback, 0), "kernel-3", "carol");
        var (status, body) = await RequestAsync(tunnels.Listening, "CONNECT localhost:443 HTTP/1.1\r\n\r\n");

        Assert.Equal("HTTP/1.1 403 Forbidden", status);
        Assert.Contains("resolves to an address of this machine", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tunnel_to_nuget_org_carries_https_and_the_kernels_tunnels_are_bounded_and_closed_when_it_stops()
    {
        var tunnels = Proxy(tunnelsPerKernel: 1).Serve(new UnixDomainSocketEndPoint(Path.Combine(_folder.Path, "egress.sock")), "kernel-4", "dave");
        try
        {
            using var timeout = Timeouts.After(Timeouts.Request);
            using var client = await ConnectAsync(tunnels.Listening, timeout.Token);
            await using var stream = new NetworkStream(client, ownsSocket: false);
            await stream.WriteAsync("CONNECT api.nuget.org:443 HTTP/1.1\r\nHost: api.nuget.org:443\r\n\r\n"u8.ToArray(), timeout.Token);
            Assert.Equal("HTTP/1.1 200 Connection established", (await ReadHeadAsync(stream, timeout.Token)).Status);

            // TLS to NuGet.org through the tunnel, and the service index over it.
            await using (var tls = new SslStream(stream, leaveInnerStreamOpen: true))
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "api.nuget.org" }, timeout.Token);
                await tls.WriteAsync("GET /v3/index.json HTTP/1.1\r\nHost: api.nuget.org\r\nConnection: keep-alive\r\n\r\n"u8.ToArray(), timeout.Token);
                Assert.Equal("HTTP/1.1 200 OK", (await ReadHeadAsync(tls, timeout.Token)).Status);
            }

            // One tunnel is this kernel's limit here: a second is refused while the first is open.
            Assert.Equal(1, tunnels.OpenTunnels);
            var (status, body) = await RequestAsync(tunnels.Listening, "CONNECT api.nuget.org:443 HTTP/1.1\r\n\r\n");
            Assert.Equal("HTTP/1.1 429 Too Many Requests", status);
            Assert.Contains("1 tunnels open already", body, StringComparison.Ordinal);

            // The kernel stops: its open tunnel is closed and its socket is gone.
            await tunnels.DisposeAsync();
            var buffer = new byte[1024];
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
                while (read > 0)
                {
                    read = await stream.ReadAsync(buffer, timeout.Token);
                }
            }
            catch (IOException)
            {
                read = 0;
            }

            Assert.Equal(0, read);
            Assert.False(File.Exists(Path.Combine(_folder.Path, "egress.sock")));
        }
        finally
        {
            await tunnels.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

    private EgressProxy Proxy(IReadOnlyList<string>? feeds = null, int tunnelsPerKernel = 32) =>
        new(new HubOptions { DataDirectory = _folder.Path, PackageFeeds = feeds ?? PackageFeedAllowList.NuGetOrg, EgressTunnelsPerKernel = tunnelsPerKernel }, _log);

    private static async Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, cancellationToken);
        return socket;
    }

    /// <summary>Sends one request and reads the answer to its end (the proxy closes after a refusal): status line and body.</summary>
    private static async Task<(string Status, string Body)> RequestAsync(EndPoint endPoint, string request)
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        using var socket = await ConnectAsync(endPoint, timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(timeout.Token);
        var split = answer.Split("\r\n\r\n", 2);
        return (split[0].Split("\r\n")[0], split.Length > 1 ? split[1] : "");
    }

    /// <summary>Reads a response's head byte by byte (no further), returning its status line.</summary>
    private static async Task<(string Status, string Head)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return (head.ToString().Split("\r\n")[0], head.ToString());
    }
}
