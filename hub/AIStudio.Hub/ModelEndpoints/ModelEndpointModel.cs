using System.Text.Json.Serialization;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>A model endpoint in lists and in the answers to changes: everything but the key, which only <c>has_key</c> tells of.</summary>
public sealed record ModelEndpointModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("has_key")] bool HasKey,
    [property: JsonPropertyName("input_cost_per_million")] double? InputCostPerMillion,
    [property: JsonPropertyName("output_cost_per_million")] double? OutputCostPerMillion,
    [property: JsonPropertyName("is_default")] bool IsDefault)
{
    /// <summary>The endpoint as listed; <paramref name="organizationSlug"/> names its organization (null for a user's own).</summary>
    public static ModelEndpointModel From(ModelEndpoint endpoint, string? organizationSlug)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new ModelEndpointModel(
            endpoint.Name,
            endpoint.OrganizationId is null ? ModelEndpointScopes.User : ModelEndpointScopes.Organization,
            endpoint.OrganizationId is null ? null : organizationSlug,
            endpoint.Provider,
            endpoint.BaseUrl,
            endpoint.Model,
            endpoint.SecretId is not null,
            endpoint.InputCostPerMillion,
            endpoint.OutputCostPerMillion,
            endpoint.IsDefault);
    }
}
