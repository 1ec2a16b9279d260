using System.Net;
using System.Net.Sockets;

namespace AIStudio.Kernel.Protocol.Connection;

/// <summary>
/// The five <see cref="SocketRelay"/>s of a kernel without network: one Unix socket per channel (<c>shell.sock</c>,
/// <c>iopub.sock</c>, <c>stdin.sock</c>, <c>control.sock</c>, <c>hb.sock</c>) in a folder both sides see. Inside the
/// sandbox the kernel relays each socket to its own TCP port (<see cref="ToUnixSockets"/>); outside, the launcher relays
/// the same ports on the host's loopback to the sockets (<see cref="FromUnixSockets"/>). Clients connect as usual.
/// </summary>
public static class KernelSocketRelays
{
    /// <summary>The environment variable that tells a kernel to expose its ports as Unix sockets in a folder.</summary>
    public const string DirectoryVariable = "AISTUDIO_KERNEL_SOCKET_DIR";

    /// <summary>The longest path of a Unix socket (sun_path, including its terminating zero, is 108 bytes on Linux).</summary>
    private const int MaxSocketPath = 107;

    /// <summary>The kernel's side: each Unix socket in <paramref name="directory"/> relayed to its TCP port on the connection's IP.</summary>
    public static IReadOnlyList<SocketRelay> ToUnixSockets(ConnectionInfo connection, string directory) =>
        Start(connection, directory, (socket, port) => (new UnixDomainSocketEndPoint(socket), new IPEndPoint(IPAddress.Parse(connection.IP), port)));

    /// <summary>The launcher's side: each port on the connection's IP relayed to its Unix socket in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<SocketRelay> FromUnixSockets(ConnectionInfo connection, string directory) =>
        Start(connection, directory, (socket, port) => (new IPEndPoint(IPAddress.Parse(connection.IP), port), new UnixDomainSocketEndPoint(socket)));

    /// <summary>The Unix socket of one channel.</summary>
    public static string SocketPath(string directory, string channel)
    {
        var path = Path.Combine(directory, channel + ".sock");
        return System.Text.Encoding.UTF8.GetByteCount(path) <= MaxSocketPath
            ? path
            : throw new ArgumentException($"The kernel's socket folder has too long a path for Unix sockets ({path}: over {MaxSocketPath} bytes); choose a shorter runtime directory.", nameof(directory));
    }

    private static List<SocketRelay> Start(ConnectionInfo connection, string directory, Func<string, int, (EndPoint Listen, EndPoint Target)> endpoints)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(directory);
        if (connection.Transport != "tcp")
        {
            throw new ArgumentException($"Only tcp connections are relayed, not {connection.Transport}.", nameof(connection));
        }

        (string Channel, int Port)[] channels =
        [
            ("shell", connection.ShellPort), ("iopub", connection.IOPubPort), ("stdin", connection.StdinPort),
            ("control", connection.ControlPort), ("hb", connection.HeartbeatPort),
        ];
        var relays = new List<SocketRelay>(channels.Length);
        try
        {
            foreach (var (channel, port) in channels)
            {
                var (listen, target) = endpoints(SocketPath(directory, channel), port);
                relays.Add(SocketRelay.Start(listen, target));
            }

            return relays;
        }
        catch
        {
            foreach (var relay in relays)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }
}
