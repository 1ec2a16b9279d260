using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>The kinds of endpoint the hub knows: each speaks OpenAI's chat completions API (Azure OpenAI with its own URLs).</summary>
public static class ModelEndpointProviders
{
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string Ollama = "ollama";
    public const string Vllm = "vllm";
    public const string OpenAICompatible = "openai-compatible";

    /// <summary>OpenAI's own API, the base URL an <c>openai</c> endpoint gets when none is given.</summary>
    public const string OpenAIBaseUrl = "https://api.openai.com/v1";

    public static IReadOnlyList<string> All { get; } = [OpenAI, AzureOpenAI, Ollama, Vllm, OpenAICompatible];

    /// <summary>The provider, or a 400 naming the field and the providers there are.</summary>
    public static string Require(string? provider) =>
        provider is not null && All.Contains(provider, StringComparer.Ordinal)
            ? provider
            : throw new HubApiException(StatusCodes.Status400BadRequest, provider is null
                ? $"'provider' is required: one of {string.Join(", ", All)}."
                : $"'provider' must be one of {string.Join(", ", All)}: got '{ModelEndpointText.Shorten(provider)}'.");
}
