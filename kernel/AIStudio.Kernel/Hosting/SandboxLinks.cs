using System.Globalization;
using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Hosting;

/// <summary>
/// A kernel in a network namespace of its own opens its links out (<see cref="KernelLinks"/>) before any user code runs:
/// the hub on its own port, and the egress proxy to the package feeds, which it makes the proxy of this process and of
/// everything it starts (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c> in both cases, <c>NO_PROXY</c> for the loopback), so
/// that <c>#r "nuget:"</c>'s <c>dotnet restore</c> and user code's <c>HttpClient</c> go through it.
/// </summary>
internal static class SandboxLinks
{
    private static readonly string[] ProxyVariables = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];
    private static readonly string[] NoProxyVariables = ["NO_PROXY", "no_proxy"];

    /// <summary>The links listed in <see cref="KernelLinks.Variable"/>, opened in <paramref name="socketDirectory"/>; none when unlisted.</summary>
    public static IReadOnlyList<SocketRelay> Open(string socketDirectory, KernelLog log)
    {
        if (Environment.GetEnvironmentVariable(KernelLinks.Variable) is not { Length: > 0 } links)
        {
            return [];
        }

        var opened = KernelLinks.Open(socketDirectory, links);
        foreach (var (name, relay) in opened)
        {
            log.Info($"Link '{name}' on 127.0.0.1:{KernelLinks.PortOf(relay)}.");
        }

        if (opened.TryGetValue(KernelLinks.EgressProxy, out var egress))
        {
            var proxy = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{KernelLinks.PortOf(egress)}");
            foreach (var variable in ProxyVariables)
            {
                Environment.SetEnvironmentVariable(variable, proxy);
            }

            foreach (var variable in NoProxyVariables)
            {
                Environment.SetEnvironmentVariable(variable, "localhost,127.0.0.1");
            }
        }

        return [.. opened.Values];
    }
}
