using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace AIStudio.Extensions.Agents.Endpoints;

/// <summary>
/// The OpenAI SDK client for an endpoint: its base URL (any OpenAI-compatible server), its key (a placeholder for servers
/// that need none, like Ollama), the endpoint's per-request timeout and retries (429 and 5xx, honouring Retry-After), and
/// one shared HTTP connection pool.
/// </summary>
internal static class OpenAIClients
{
    /// <summary>No timeout of its own: the pipeline's <see cref="ClientPipelineOptions.NetworkTimeout"/> applies per request.</summary>
    private static readonly HttpClient Http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static OpenAIClient Create(ModelEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl,
            NetworkTimeout = endpoint.Timeout,
            RetryPolicy = new ClientRetryPolicy(endpoint.MaxRetries),
            Transport = new HttpClientPipelineTransport(Http),
            UserAgentApplicationId = "aistudio-agents",
        };
        return new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "no-key"), options);
    }
}
