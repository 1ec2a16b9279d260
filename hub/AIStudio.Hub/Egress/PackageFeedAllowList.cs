using System.Globalization;

namespace AIStudio.Hub.Egress;

/// <summary>
/// The hosts a kernel whose network is <see cref="KernelNetwork.Packages"/> may reach through the egress proxy
/// (<c>Hub:PackageFeeds</c>): entries <c>host</c> (port 443), <c>host:port</c>, or <c>*.domain</c> (any host under the
/// domain, not the domain itself). Host names compare without case and without a trailing dot; IP addresses are not
/// accepted as entries (feeds are named hosts with certificates).
/// </summary>
public sealed class PackageFeedAllowList
{
    /// <summary>The HTTPS port, the only one an entry without a port allows.</summary>
    public const int HttpsPort = 443;

    /// <summary>
    /// NuGet.org as <c>dotnet restore</c> reaches it: the service index and packages on <c>api.nuget.org</c>, the gallery
    /// (<c>www.nuget.org</c>), and the CDN and search hosts under <c>nuget.org</c>.
    /// </summary>
    public static IReadOnlyList<string> NuGetOrg { get; } = ["api.nuget.org", "www.nuget.org", "globalcdn.nuget.org", "*.nuget.org"];

    private readonly (string Host, bool Subdomains, int Port)[] _entries;

    public PackageFeedAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(ParseEntry)];
        Entries = [.. _entries.Select(e => (e.Subdomains ? "*." : "") + e.Host + (e.Port == HttpsPort ? "" : string.Create(CultureInfo.InvariantCulture, $":{e.Port}")))];
    }

    /// <summary>The entries, normalized (lower case; <c>:443</c> left out).</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Whether a tunnel to <paramref name="host"/>:<paramref name="port"/> is allowed.</summary>
    public bool Allows(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = Normalize(host);
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var (entry, subdomains, entryPort) in _entries)
        {
            if (entryPort != port)
            {
                continue;
            }

            if (subdomains ? name.EndsWith("." + entry, StringComparison.Ordinal) : name == entry)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(", ", Entries);

    private static (string Host, bool Subdomains, int Port) ParseEntry(string entry)
    {
        var text = entry.Trim();
        var port = HttpsPort;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"Hub:PackageFeeds: '{entry}' has no valid port (host, host:port or *.domain).");
            }

            text = text[..colon];
        }

        var subdomains = text.StartsWith("*.", StringComparison.Ordinal);
        var host = Normalize(subdomains ? text[2..] : text);
        if (host.Length == 0 || host.Contains('*', StringComparison.Ordinal) || System.Net.IPAddress.TryParse(host, out _)
            || Uri.CheckHostName(host) != UriHostNameType.Dns || (subdomains && !host.Contains('.', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Hub:PackageFeeds: '{entry}' is not a host name (host, host:port or *.domain, e.g. api.nuget.org or *.nuget.org).");
        }

        return (host, subdomains, port);
    }

    private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
}
