using System.Text.Json;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Secrets;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>
/// The fields of a create (<c>POST</c>) or update (<c>PUT</c>) body, each checked where it is given: a 400 names the field
/// and what it may hold (never quoting a key back). What is required is decided by the operation.
/// </summary>
public sealed class ModelEndpointFields
{
    public const int MaxModelLength = 200;
    public const int MaxUrlLength = 2000;

    /// <summary>The highest price per million tokens taken as meant (the dearest hosted models cost well under it).</summary>
    public const double MaxCostPerMillion = 10_000;

    public string? Name { get; private init; }

    public string? Scope { get; private init; }

    public string? Organization { get; private init; }

    public string? Provider { get; private init; }

    public string? BaseUrl { get; private init; }

    public string? Model { get; private init; }

    /// <summary>The key: null when the body leaves it out (or sends null: keep it), empty to remove it.</summary>
    public string? ApiKey { get; private init; }

    public bool HasInputCost { get; private init; }

    public double? InputCostPerMillion { get; private init; }

    public bool HasOutputCost { get; private init; }

    public double? OutputCostPerMillion { get; private init; }

    public bool? IsDefault { get; private init; }

    public static ModelEndpointFields Parse(JsonElement? body)
    {
        var scope = body.GetString("scope");
        if (scope is not null && scope is not (ModelEndpointScopes.User or ModelEndpointScopes.Organization))
        {
            throw Bad($"'scope' must be \"{ModelEndpointScopes.User}\" (yours) or \"{ModelEndpointScopes.Organization}\" (an organization's): got '{ModelEndpointText.Shorten(scope)}'.");
        }

        return new ModelEndpointFields
        {
            Name = body.GetString("name") is { } name ? ModelEndpointNames.Require(name) : null,
            Scope = scope,
            Organization = body.GetString("organization") is { Length: > 0 } organization ? organization.Trim() : null,
            Provider = body.GetString("provider") is { } provider ? ModelEndpointProviders.Require(provider.Trim()) : null,
            BaseUrl = body.GetString("base_url") is { } url ? RequireBaseUrl(url) : null,
            Model = body.GetString("model") is { } model ? RequireModel(model) : null,
            ApiKey = body.GetString("api_key") is { } key ? CheckKey(key) : null,
            HasInputCost = Has(body, "input_cost_per_million"),
            InputCostPerMillion = Cost(body, "input_cost_per_million"),
            HasOutputCost = Has(body, "output_cost_per_million"),
            OutputCostPerMillion = Cost(body, "output_cost_per_million"),
            IsDefault = body.GetBool("is_default"),
        };
    }

    /// <summary>An absolute http or https URL with a host, no credentials, query or fragment (a key hidden there would be listed).</summary>
    public static string RequireBaseUrl(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw Bad("'base_url' is required: the absolute http or https URL of the API (e.g. https://api.openai.com/v1, or http://localhost:11434/v1 for Ollama).");
        }

        if (trimmed.Length > MaxUrlLength)
        {
            throw Bad($"'base_url' is {trimmed.Length} characters long: at most {MaxUrlLength}.");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0 || ModelEndpointText.HasControl(trimmed))
        {
            throw Bad($"'base_url' must be an absolute http or https URL (e.g. https://api.openai.com/v1): got '{ModelEndpointText.Shorten(trimmed)}'.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw Bad("'base_url' must not hold a user name or password: send the key as 'api_key', which the hub keeps encrypted.");
        }

        return uri.Query.Length > 0 || uri.Fragment.Length > 0 || trimmed.Contains('#', StringComparison.Ordinal)
            ? throw Bad("'base_url' must not have a query or a fragment: send the key as 'api_key' (an Azure OpenAI api-version is a setting of the client).")
            : trimmed;
    }

    public static string RequireModel(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw Bad("'model' is required: the model the endpoint serves (for Azure OpenAI, the deployment's name), e.g. gpt-4o-mini or llama3.2.");
        }

        return trimmed.Length > MaxModelLength || ModelEndpointText.HasControl(trimmed)
            ? throw Bad($"'model' must be at most {MaxModelLength} characters, without control characters.")
            : trimmed;
    }

    private static string CheckKey(string key)
    {
        var trimmed = key.Trim();
        return trimmed.Length > SecretStore.MaxValueLength || ModelEndpointText.HasControl(trimmed)
            ? throw Bad($"'api_key' must be at most {SecretStore.MaxValueLength} characters, without control characters.")
            : trimmed;
    }

    private static bool Has(JsonElement? body, string name) => body is { } value && value.TryGetProperty(name, out _);

    private static double? Cost(JsonElement? body, string name)
    {
        double? cost;
        try
        {
            cost = body.GetNumber(name);
        }
        catch (HubApiException)
        {
            cost = -1;
        }

        return cost is null or (>= 0 and <= MaxCostPerMillion)
            ? cost
            : throw Bad($"'{name}' must be a number of US dollars per million tokens from 0 to {MaxCostPerMillion:0}, or null.");
    }

    private static HubApiException Bad(string message) => new(StatusCodes.Status400BadRequest, message);
}
