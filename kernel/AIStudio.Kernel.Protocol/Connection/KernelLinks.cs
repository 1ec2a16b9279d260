using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AIStudio.Kernel.Protocol.Connection;

/// <summary>
/// The ways out of a kernel sandboxed in a network namespace of its own, other than its five channels: each link is a
/// TCP port on the kernel's own loopback that the kernel relays (<see cref="SocketRelay"/>) to a Unix socket
/// <c>{name}.sock</c> in its socket folder (<see cref="KernelSocketRelays.DirectoryVariable"/>), where the launcher's side
/// serves it — the hub's egress proxy (<see cref="EgressProxy"/>: package feeds only) or the hub itself (<see cref="Hub"/>,
/// on the hub's own port number, so its address works unchanged inside). The launcher lists them in
/// <see cref="Variable"/> as <c>name:port</c> pairs (port 0: any free port).
/// </summary>
public static class KernelLinks
{
    /// <summary>The environment variable listing the links, e.g. <c>egress:0,hub:5080</c>.</summary>
    public const string Variable = "AISTUDIO_KERNEL_LINKS";

    /// <summary>The hub's HTTP CONNECT proxy to the package feeds; the kernel points <c>HTTPS_PROXY</c> at its port.</summary>
    public const string EgressProxy = "egress";

    /// <summary>The hub's own port (the kernel's <c>AISTUDIO_HUB_URL</c>).</summary>
    public const string Hub = "hub";

    /// <summary>The value of <see cref="Variable"/> for these links.</summary>
    public static string Format(IEnumerable<(string Name, int Port)> links) =>
        string.Join(',', links.Select(link => string.Create(CultureInfo.InvariantCulture, $"{link.Name}:{link.Port}")));

    /// <summary>
    /// The kernel's side: for each link in <paramref name="links"/> (<see cref="Variable"/>'s value), a TCP listener on
    /// 127.0.0.1 relaying to the link's Unix socket in <paramref name="directory"/>, by name. All or none are opened.
    /// </summary>
    public static IReadOnlyDictionary<string, SocketRelay> Open(string directory, string links)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(links);
        var opened = new Dictionary<string, SocketRelay>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in links.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = entry.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
                {
                    throw new ArgumentException($"'{entry}' in {Variable} is not name:port.", nameof(links));
                }

                var name = entry[..colon];
                var socket = KernelSocketRelays.SocketPath(directory, name);
                opened.Add(name, SocketRelay.Start(new IPEndPoint(IPAddress.Loopback, port), new UnixDomainSocketEndPoint(socket)));
            }

            return opened;
        }
        catch
        {
            foreach (var relay in opened.Values)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    /// <summary>The port a link listens on inside the sandbox.</summary>
    public static int PortOf(SocketRelay relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        return ((IPEndPoint)relay.Listening).Port;
    }
}
