using System.Text.Json.Serialization;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>
/// What a client needs to call an endpoint, its API key included: the answer of <c>GET …/{name}/credentials</c>, the only
/// one that carries a key (sent with <c>Cache-Control: no-store</c>, and audited without the key).
/// </summary>
public sealed record ModelEndpointCredentialsModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("api_key")] string? ApiKey,
    [property: JsonPropertyName("input_cost_per_million")] double? InputCostPerMillion,
    [property: JsonPropertyName("output_cost_per_million")] double? OutputCostPerMillion)
{
    /// <summary>Never the key: a record's generated text would print it into any log it reached.</summary>
    public override string ToString() => $"{Name} ({Provider}, {Model} at {BaseUrl}, key {(ApiKey is null ? "none" : "hidden")})";
}
