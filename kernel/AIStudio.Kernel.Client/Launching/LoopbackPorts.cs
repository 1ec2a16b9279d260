using System.Net;
using System.Net.Sockets;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>Picks free TCP ports by binding port 0, as jupyter_client does (all at once, so they are distinct).</summary>
internal static class LoopbackPorts
{
    public static int[] Allocate(string ip, int count)
    {
        var address = IPAddress.Parse(ip);
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
