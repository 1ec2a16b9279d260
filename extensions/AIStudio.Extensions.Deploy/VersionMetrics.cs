using System.Text.Json;

namespace AIStudio.Extensions.Deploy;

/// <summary>
/// One version's requests since the hub started, as the hub measures them (<c>GET /hub/api/deployments/{name}/metrics</c>):
/// requests, errors (status 400 and above) and latency percentiles in milliseconds.
/// </summary>
public sealed record VersionMetrics(int Version, long Requests, long Errors, double P50Ms, double P95Ms, double P99Ms)
{
    internal static IReadOnlyList<VersionMetrics> Parse(JsonElement json) =>
    [
        .. json.GetProperty("versions").EnumerateArray().Select(v =>
        {
            var latency = v.GetProperty("latency_ms");
            return new VersionMetrics(
                int.Parse(v.GetProperty("version").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                v.GetProperty("requests").GetInt64(),
                v.GetProperty("errors").GetInt64(),
                latency.GetProperty("p50").GetDouble(),
                latency.GetProperty("p95").GetDouble(),
                latency.GetProperty("p99").GetDouble());
        }),
    ];
}
