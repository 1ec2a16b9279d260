using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Extensions.Agents.Endpoints;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary>
/// The hub's agent API, for a kernel the hub started (<c>AISTUDIO_HUB_URL</c>, <c>AISTUDIO_HUB_TOKEN</c>, sent as
/// <c>Authorization: token …</c>): the model endpoints configured for the user and their organization, an endpoint's
/// credentials, the plan's agent policy, and usage reports. Every failure is an <see cref="AgentException"/> whose message
/// says what to do; the hub token never appears in one.
/// </summary>
public sealed class AgentsHubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _token;

    public AgentsHubClient(Uri hub, string token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
        var baseAddress = hub.AbsoluteUri.EndsWith('/') ? hub : new Uri(hub.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
    }

    public Uri Address => _http.BaseAddress!;

    /// <summary>The hub named by this kernel's environment, or null when no hub started it.</summary>
    public static AgentsHubClient? FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL");
        var token = Environment.GetEnvironmentVariable("AISTUDIO_HUB_TOKEN");
        return string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(url, UriKind.Absolute, out var hub)
            ? null
            : new AgentsHubClient(hub, token);
    }

    /// <summary>The endpoints the user may use: their own and their organizations'. Keys are never listed.</summary>
    public async Task<IReadOnlyList<HubEndpoint>> ListEndpointsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<HubEndpoint>>("hub/api/model-endpoints", "list the model endpoints", cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>An endpoint with its key: by name, or the default one when <paramref name="name"/> is null.</summary>
    public async Task<ModelEndpoint> GetEndpointAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            var endpoints = await ListEndpointsAsync(cancellationToken).ConfigureAwait(false);
            var chosen = endpoints.FirstOrDefault(e => e.IsDefault) ?? (endpoints.Count == 1 ? endpoints[0] : null);
            name = chosen?.Name ?? throw new AgentException(endpoints.Count == 0
                ? "No model endpoint is configured for you on the hub. Add one on the hub's Model endpoints page (an OpenAI, Azure OpenAI, vLLM, Ollama or other OpenAI-compatible API), or pass ModelEndpoint.OpenAICompatible(new Uri(...), model, apiKey)."
                : $"None of your model endpoints ({string.Join(", ", endpoints.Select(e => e.Name))}) is marked default. Name one: ModelEndpoint.FromHub(\"{endpoints[0].Name}\"), or mark one default on the hub's Model endpoints page.");
        }

        using var response = await SendAsync(HttpMethod.Get, $"hub/api/model-endpoints/{Uri.EscapeDataString(name)}/credentials", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new AgentException($"The hub has no model endpoint named '{name}' for you. See #!agent --list, or add it on the hub's Model endpoints page.") { StatusCode = 404 };
        }

        await EnsureSuccessAsync(response, $"get the model endpoint '{name}'", cancellationToken).ConfigureAwait(false);
        var credentials = await ReadAsync<HubCredentials>(response, cancellationToken).ConfigureAwait(false);
        if (credentials is null || !Uri.TryCreate(credentials.BaseUrl, UriKind.Absolute, out var baseUrl) || string.IsNullOrWhiteSpace(credentials.Model))
        {
            throw new AgentException($"The hub's model endpoint '{name}' has no valid base URL or model: fix it on the hub's Model endpoints page.");
        }

        return ModelEndpoint.FromHubCredentials(credentials.Name.Length > 0 ? credentials.Name : name, credentials.Provider, baseUrl, credentials.Model,
            credentials.ApiKey, credentials.InputCostPerMillion, credentials.OutputCostPerMillion);
    }

    /// <summary>The user's plan and whether it includes multi-agent orchestration.</summary>
    public async Task<AgentPolicy> GetPolicyAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<AgentPolicy>("hub/api/agents/policy", "read the plan's agent policy", cancellationToken).ConfigureAwait(false)
        ?? throw new AgentException("The hub answered the agent policy request with nothing.");

    /// <summary>Reports one cell's usage; a plan without orchestration refuses orchestrated usage (403, its message kept).</summary>
    public async Task ReportUsageAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var response = await SendAsync(HttpMethod.Post, "hub/api/usage/agents", JsonContent.Create(report), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "record the agents' usage", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T?> GetAsync<T>(string path, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentException($"The hub at {Address} could not be reached: {Secrets.Redact(e.Message, _token)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentException($"The hub at {Address} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? message = null;
        try
        {
            message = JsonSerializer.Deserialize<HubMessage>(body)?.Message;
        }
        catch (JsonException)
        {
            // Not the hub's error shape: the status says enough.
        }

        var status = (int)response.StatusCode;
        var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " The kernel's hub token was refused: restart the kernel from the hub." : "";
        throw new AgentException(Secrets.Redact($"The hub could not {what} ({status} {response.ReasonPhrase}){(message is null ? "." : ": " + message)}{hint}", _token))
        {
            StatusCode = status,
        };
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new AgentException($"The hub's answer was not the JSON expected ({e.Message}).");
        }
    }
}
