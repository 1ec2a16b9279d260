using System.Text.Json.Serialization;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// A deployment's metrics since the hub started, in <c>GET /hub/api/deployments/{name}/metrics</c> and on its page: one
/// entry per version, and the refusals before a version was chosen (401, 429) under <c>none</c>.
/// </summary>
public sealed record DeploymentMetricsModel(
    [property: JsonPropertyName("deployment")] string Deployment,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("versions")] IReadOnlyList<VersionMetricsModel> Versions,
    [property: JsonPropertyName("refused")] VersionMetricsModel Refused)
{
    /// <summary>Requests answered by any version.</summary>
    [JsonIgnore]
    public long Requests => Versions.Sum(v => v.Requests);

    /// <summary>The highest p95 latency of the versions that answered requests (ms), null before any request.</summary>
    [JsonIgnore]
    public double? SlowestP95 => Versions.Where(v => v.Requests > 0).Select(v => (double?)v.LatencyMs["p95"]).Max();
}
