using System.Text.Json.Serialization;

namespace AIStudio.Hub.Deployments;

/// <summary>One version's requests since the hub started, in <c>GET /hub/api/deployments/{name}/metrics</c>.</summary>
public sealed record VersionMetricsModel(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("status")] IReadOnlyDictionary<string, long> Status,
    [property: JsonPropertyName("latency_ms")] IReadOnlyDictionary<string, double> LatencyMs)
{
    public static VersionMetricsModel From(string version, VersionMetrics.Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new VersionMetricsModel(version, snapshot.Requests, snapshot.Errors,
            snapshot.ByStatus.ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value),
            new Dictionary<string, double>(StringComparer.Ordinal) { ["p50"] = snapshot.P50, ["p95"] = snapshot.P95, ["p99"] = snapshot.P99 });
    }
}
