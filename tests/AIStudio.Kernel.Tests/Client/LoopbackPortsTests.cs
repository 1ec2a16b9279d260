using System.Net;
using System.Net.Sockets;
using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>
/// Kernel ports come from below the system's ephemeral range, so neither another bind to port 0 nor an outgoing
/// connection can take one between the launcher's check and the kernel's bind; and one process never hands a port out twice.
/// </summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Ports_are_free_distinct_below_the_ephemeral_range_and_not_given_out_again()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        var given = new List<int>();
        for (var kernel = 0; kernel < 40; kernel++)
        {
            var ports = LoopbackPorts.Allocate("127.0.0.1", 5);
            Assert.Equal(5, ports.Distinct().Count());
            Assert.All(ports, p => Assert.InRange(p, 10_000, ephemeralStart - 1));
            given.AddRange(ports);
        }

        Assert.Equal(given.Count, given.Distinct().Count());
        // Each is really free: the kernel can bind it.
        foreach (var port in given.Take(10))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }
}
