using System.Net;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Egress;

/// <summary>
/// The hub's egress proxy for kernels whose network is <see cref="KernelNetwork.Packages"/>: an HTTP proxy that only
/// opens tunnels (<c>CONNECT host:443</c>) to the package feeds of <c>Hub:PackageFeeds</c>. Each kernel gets a listener of
/// its own (<see cref="Serve"/>: a Unix socket in the kernel's socket folder, which the kernel relays to a port of its own
/// loopback and names in <c>HTTPS_PROXY</c>), so that every request is known to come from that kernel and its user.
/// Anything else — another host or port, plain HTTP — gets a 403 that says why, logged with the kernel and the user; at
/// most <c>Hub:EgressTunnelsPerKernel</c> tunnels are open at once per kernel; a kernel's tunnels close when it stops.
/// </summary>
public sealed class EgressProxy(HubOptions options, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<EgressProxy>();

    /// <summary>Where tunnels may go.</summary>
    public PackageFeedAllowList Feeds { get; } = new(options.PackageFeeds);

    /// <summary>Tunnels one kernel may hold open at once.</summary>
    public int TunnelsPerKernel { get; } = options.EgressTunnelsPerKernel;

    /// <summary>
    /// Listens for one kernel on <paramref name="endPoint"/> (a Unix socket's path, replaced if left over, or a TCP
    /// endpoint) until the result is disposed, which also closes the kernel's open tunnels.
    /// </summary>
    public EgressTunnels Serve(EndPoint endPoint, string kernelId, string userName) =>
        EgressTunnels.Start(endPoint, new EgressClient(kernelId, userName), Feeds, TunnelsPerKernel, _logger);
}
