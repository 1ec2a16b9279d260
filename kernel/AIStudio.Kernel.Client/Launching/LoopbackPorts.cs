using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// Picks free TCP ports for a kernel to bind. jupyter_client binds port 0 and releases it, which races: between the
/// release and the kernel's own bind, the port can go to another kernel started at the same time, or become the local
/// port of any outgoing connection (ZeroMQ's included), since both come from the system's ephemeral range. Here ports
/// are drawn at random from below that range (on Linux, <c>ip_local_port_range</c>), where the system never hands out
/// ports by itself; each is checked free by binding it, and a port given out by this process is not given out again
/// for a while.
/// </summary>
internal static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private static readonly TimeSpan Reserved = TimeSpan.FromMinutes(2);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, long> RecentlyGiven = [];
    private static readonly Lazy<int> EphemeralStart = new(ReadEphemeralStart);

    public static int[] Allocate(string ip, int count)
    {
        var address = IPAddress.Parse(ip);
        var highest = EphemeralStart.Value - 1;
        if (highest - Lowest < 1_000)
        {
            return AllocateByBindingPortZero(address, count);
        }

        var listeners = new List<TcpListener>(count);
        lock (Gate)
        {
            try
            {
                Forget(TimeProvider.System.GetTimestamp());
                for (var attempt = 0; listeners.Count < count; attempt++)
                {
                    if (attempt > 200)
                    {
                        // Nothing free in the range (unlikely): the system's own choice is still better than failing.
                        return AllocateByBindingPortZero(address, count);
                    }

                    var port = RandomNumberGenerator.GetInt32(Lowest, highest + 1);
                    if (RecentlyGiven.ContainsKey(port) || listeners.Any(l => ((IPEndPoint)l.LocalEndpoint).Port == port))
                    {
                        continue;
                    }

                    var listener = new TcpListener(address, port);
                    try
                    {
                        listener.Start();
                        listeners.Add(listener);
                    }
                    catch (SocketException)
                    {
                        listener.Dispose();
                    }
                }

                int[] ports = [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
                var now = TimeProvider.System.GetTimestamp();
                foreach (var port in ports)
                {
                    RecentlyGiven[port] = now;
                }

                return ports;
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Dispose();
                }
            }
        }
    }

    /// <summary>Where the system's ephemeral ports start: 32768 on Linux unless configured, 49152 elsewhere (IANA).</summary>
    private static int ReadEphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists(range)
                && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return start;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 49_152;
    }

    /// <summary>Called under the gate.</summary>
    private static void Forget(long now)
    {
        foreach (var (port, at) in RecentlyGiven.ToList())
        {
            if (TimeProvider.System.GetElapsedTime(at, now) > Reserved)
            {
                RecentlyGiven.Remove(port);
            }
        }
    }

    private static int[] AllocateByBindingPortZero(IPAddress address, int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(address, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
