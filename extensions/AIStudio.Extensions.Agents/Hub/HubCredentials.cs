using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary><c>GET /hub/api/model-endpoints/{name}/credentials</c>: an endpoint with its key, for this kernel's memory only.</summary>
internal sealed record HubCredentials
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [JsonPropertyName("base_url")]
    public string BaseUrl { get; init; } = "";

    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    [JsonPropertyName("api_key")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("input_cost_per_million")]
    public decimal? InputCostPerMillion { get; init; }

    [JsonPropertyName("output_cost_per_million")]
    public decimal? OutputCostPerMillion { get; init; }
}
