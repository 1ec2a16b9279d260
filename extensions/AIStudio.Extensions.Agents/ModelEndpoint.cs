using AIStudio.Extensions.Agents.Endpoints;

namespace AIStudio.Extensions.Agents;

/// <summary>
/// Where an agent's model answers: an OpenAI-compatible chat completions API (OpenAI, Azure OpenAI's compatible route,
/// vLLM, Ollama's <c>/v1</c>, any other), the model to ask, its API key and its prices. Made by <see cref="FromHub"/> (an
/// endpoint configured on the hub's Model endpoints page, its key handed to this kernel only) or by
/// <see cref="OpenAICompatible"/> / <see cref="Ollama"/>. The key never leaves this object except in the request's
/// <c>Authorization</c> header: <see cref="ToString"/> and every message show it redacted.
/// </summary>
public sealed class ModelEndpoint
{
    private readonly string? _apiKey;

    private ModelEndpoint(string? name, string provider, Uri baseUrl, string model, string? apiKey, decimal? inputCostPerMillion, decimal? outputCostPerMillion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Name = name;
        Provider = provider;
        BaseUrl = baseUrl;
        Model = model;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        InputCostPerMillion = inputCostPerMillion;
        OutputCostPerMillion = outputCostPerMillion;
    }

    /// <summary>The hub's name for this endpoint, or null for one made in the notebook.</summary>
    public string? Name { get; }

    /// <summary><c>openai</c>, <c>azure-openai</c>, <c>ollama</c>, <c>vllm</c> or <c>openai-compatible</c>.</summary>
    public string Provider { get; }

    /// <summary>The API's base address, the one before <c>chat/completions</c> (for example <c>https://api.openai.com/v1/</c>).</summary>
    public Uri BaseUrl { get; }

    public string Model { get; }

    /// <summary>Whether requests carry an API key (the key itself is never shown).</summary>
    public bool HasKey => _apiKey is not null;

    /// <summary>US dollars per million input (prompt) tokens, or null when unknown (the cost is then not estimated).</summary>
    public decimal? InputCostPerMillion { get; init; }

    /// <summary>US dollars per million output (completion) tokens, or null when unknown.</summary>
    public decimal? OutputCostPerMillion { get; init; }

    /// <summary>How long one model request may take before it fails with a timeout; 100 s unless set.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How many times a request refused for a rate limit (429, honouring Retry-After) or a server error is retried; 2 unless set.</summary>
    public int MaxRetries { get; init; } = 2;

    internal string? ApiKey => _apiKey;

    /// <summary>
    /// An endpoint configured on this kernel's hub (<c>AISTUDIO_HUB_URL</c>): by <paramref name="name"/>, or with no name
    /// the one marked default. Its key comes from the hub's secret store and is kept in memory only.
    /// </summary>
    public static ModelEndpoint FromHub(string? name = null) =>
        Task.Run(() => FromHubAsync(name)).GetAwaiter().GetResult();

    /// <inheritdoc cref="FromHub"/>
    public static Task<ModelEndpoint> FromHubAsync(string? name = null, CancellationToken cancellationToken = default) =>
        Agents.Hub is { } hub
            ? hub.GetEndpointAsync(name, cancellationToken)
            : throw new AgentException(
                "This kernel was not started by an AI Studio hub (AISTUDIO_HUB_URL and AISTUDIO_HUB_TOKEN are not set), so it has no model endpoints from one. " +
                "Use ModelEndpoint.OpenAICompatible(new Uri(\"https://.../v1/\"), model, apiKey) or ModelEndpoint.Ollama(model), or Agents.ConnectHub(new Uri(\"https://your-hub/\"), token).");

    /// <summary>Any OpenAI-compatible API at <paramref name="baseUrl"/> (the address before <c>chat/completions</c>).</summary>
    public static ModelEndpoint OpenAICompatible(
        Uri baseUrl,
        string model,
        string? apiKey = null,
        decimal? inputCostPerMillion = null,
        decimal? outputCostPerMillion = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new ModelEndpoint(null, "openai-compatible", WithTrailingSlash(baseUrl), model, apiKey, inputCostPerMillion, outputCostPerMillion);
    }

    /// <summary>A model served by Ollama's OpenAI-compatible API (<c>http://localhost:11434/v1/</c> unless given); no key, no cost.</summary>
    public static ModelEndpoint Ollama(string model, Uri? baseUrl = null) =>
        new(null, "ollama", WithTrailingSlash(baseUrl ?? new Uri("http://localhost:11434/v1/")), model, null, 0m, 0m);

    /// <summary>The same endpoint asking another model.</summary>
    public ModelEndpoint WithModel(string model) => Copy(model: model);

    /// <summary>The same endpoint with other limits.</summary>
    public ModelEndpoint With(TimeSpan? timeout = null, int? maxRetries = null) =>
        Copy(timeout: timeout, maxRetries: maxRetries);

    internal static ModelEndpoint FromHubCredentials(string name, string provider, Uri baseUrl, string model, string? apiKey, decimal? inputCost, decimal? outputCost) =>
        new(name, provider, WithTrailingSlash(baseUrl), model, apiKey, inputCost, outputCost);

    /// <summary>The estimated cost of <paramref name="usage"/> in US dollars, or null when a price is unknown.</summary>
    public decimal? EstimateCost(TokenUsage usage) =>
        InputCostPerMillion is { } input && OutputCostPerMillion is { } output
            ? ((usage.InputTokens * input) + (usage.OutputTokens * output)) / 1_000_000m
            : null;

    /// <summary>Replaces the key, wherever it occurs in <paramref name="text"/>, with <c>***</c>.</summary>
    internal string Redact(string text) => Secrets.Redact(text, _apiKey);

    public override string ToString() =>
        $"{Name ?? Provider}: {Model} at {BaseUrl} (key: {(HasKey ? "***" : "none")}" +
        (InputCostPerMillion is { } i && OutputCostPerMillion is { } o ? FormattableString.Invariant($", ${i}/${o} per million tokens in/out") : "") + ")";

    private ModelEndpoint Copy(string? model = null, TimeSpan? timeout = null, int? maxRetries = null)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
        }

        if (maxRetries is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), "Retries cannot be negative.");
        }

        return new ModelEndpoint(Name, Provider, BaseUrl, model ?? Model, _apiKey, InputCostPerMillion, OutputCostPerMillion)
        {
            Timeout = timeout ?? Timeout,
            MaxRetries = maxRetries ?? MaxRetries,
        };
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
