using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary>A model endpoint configured on the hub, as <c>GET /hub/api/model-endpoints</c> lists it (never with its key).</summary>
public sealed record HubEndpoint
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary><c>user</c> or <c>org</c>.</summary>
    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "";

    [JsonPropertyName("organization")]
    public string? Organization { get; init; }

    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [JsonPropertyName("base_url")]
    public string BaseUrl { get; init; } = "";

    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    [JsonPropertyName("has_key")]
    public bool HasKey { get; init; }

    [JsonPropertyName("input_cost_per_million")]
    public decimal? InputCostPerMillion { get; init; }

    [JsonPropertyName("output_cost_per_million")]
    public decimal? OutputCostPerMillion { get; init; }

    [JsonPropertyName("is_default")]
    public bool IsDefault { get; init; }
}
