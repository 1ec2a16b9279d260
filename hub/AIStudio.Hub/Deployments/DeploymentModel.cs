using System.Text.Json.Serialization;

namespace AIStudio.Hub.Deployments;

/// <summary>A deployment in the management API's answers: its versions, traffic split (version → percent) and URLs.</summary>
public sealed record DeploymentModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated,
    [property: JsonPropertyName("traffic")] IReadOnlyDictionary<string, int> Traffic,
    [property: JsonPropertyName("previous_traffic")] IReadOnlyDictionary<string, int>? PreviousTraffic,
    [property: JsonPropertyName("versions")] IReadOnlyList<DeploymentVersionModel> Versions,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl,
    [property: JsonPropertyName("requests_per_minute")] int? RequestsPerMinute);
