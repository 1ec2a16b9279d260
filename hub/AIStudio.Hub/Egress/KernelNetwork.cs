using System.Text.Json.Serialization;

namespace AIStudio.Hub.Egress;

/// <summary>
/// What a kernel may reach on the network (a plan's <c>kernel_network</c>; <c>Hub:KernelNetwork</c> caps it for the whole
/// hub). Ordered from the most to the least restrictive, so that the smaller of two is the stricter.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<KernelNetwork>))]
public enum KernelNetwork
{
    /// <summary>Nothing: a network namespace of its own; <c>#r "nuget:"</c> finds only what is already in its package cache.</summary>
    [JsonStringEnumMemberName("none")]
    None = 0,

    /// <summary>
    /// Only the package feeds (<c>Hub:PackageFeeds</c>, NuGet.org by default) over HTTPS, through the hub's egress proxy,
    /// and the hub itself; nothing else.
    /// </summary>
    [JsonStringEnumMemberName("packages")]
    Packages = 1,

    /// <summary>The host's network: the internet.</summary>
    [JsonStringEnumMemberName("full")]
    Full = 2,
}
