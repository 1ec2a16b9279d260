namespace AIStudio.Hub.ModelEndpoints;

/// <summary>
/// An OpenAI-compatible model endpoint configured in the hub (OpenAI, Azure OpenAI, Ollama, vLLM or another compatible
/// server) for one user (<see cref="OwnerId"/>) or one organization (<see cref="OrganizationId"/>), by name. Its API key,
/// when it has one, is a <see cref="Secrets.Secret"/>; kernels fetch it by name (<c>…/{name}/credentials</c>).
/// </summary>
public sealed class ModelEndpoint
{
    public string Id { get; set; } = "m" + Guid.NewGuid().ToString("N")[..15];

    /// <summary>Unique among the endpoints of its user, or of its organization (<see cref="ModelEndpointNames"/>).</summary>
    public required string Name { get; set; }

    /// <summary>The user whose own endpoint this is; null for an organization's.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The organization whose members use this endpoint; null for a user's own.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>One of <see cref="ModelEndpointProviders.All"/>.</summary>
    public required string Provider { get; set; }

    /// <summary>The absolute http(s) URL the client calls (e.g. <c>https://api.openai.com/v1</c>).</summary>
    public required string BaseUrl { get; set; }

    /// <summary>The model (for Azure OpenAI, the deployment) the endpoint serves.</summary>
    public required string Model { get; set; }

    /// <summary>The API key's secret; null when the endpoint needs no key.</summary>
    public string? SecretId { get; set; }

    /// <summary>US dollars per million input (prompt) tokens, for the cost estimate; null when not known.</summary>
    public double? InputCostPerMillion { get; set; }

    /// <summary>US dollars per million output (completion) tokens; null when not known.</summary>
    public double? OutputCostPerMillion { get; set; }

    /// <summary>The endpoint agents use when none is named; at most one per user and one per organization.</summary>
    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
