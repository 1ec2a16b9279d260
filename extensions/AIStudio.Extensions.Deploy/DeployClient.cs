using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Extensions.Training.MlNet;
using Microsoft.ML;

namespace AIStudio.Extensions.Deploy;

/// <summary>
/// The hub's deployment API for a notebook: publish a model or a C# function as a new version, split traffic, roll back, make keys,
/// call the endpoint, delete. Every refusal is a <see cref="DeployException"/> with the hub's own message.
/// </summary>
public sealed class DeployClient : IDisposable
{
    private static readonly string[] PredictScope = ["predict"];
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="hub">The hub's address, e.g. http://127.0.0.1:8000/.</param>
    /// <param name="token">An API token of the user who owns the deployments.</param>
    /// <param name="http">An HttpClient to use (its base address and headers are left alone); null for a new one.</param>
    public DeployClient(Uri hub, string token, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Hub = hub.AbsoluteUri.EndsWith('/') ? hub : new Uri(hub.AbsoluteUri + "/");
        Token = token;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Hub { get; }

    internal string Token { get; }

    /// <summary>Publishes an ONNX file as the next version of <paramref name="name"/> (the deployment is made with its first version).</summary>
    public async Task<Deployment> PublishOnnxAsync(string name, string onnxPath, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        if (!File.Exists(onnxPath))
        {
            throw new FileNotFoundException($"No ONNX file at {onnxPath}.", onnxPath);
        }

        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(onnxPath));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "model", Path.GetFileName(onnxPath));
        if (!string.IsNullOrWhiteSpace(note))
        {
            form.Add(new StringContent(note), "note");
        }

        using var json = await SendAsync(HttpMethod.Post, $"hub/api/deployments/{Uri.EscapeDataString(name)}/versions", form, cancellationToken).ConfigureAwait(false);
        return Deployment.Parse(json.RootElement);
    }

    /// <summary>
    /// Publishes a C# function as the next version of <paramref name="name"/>: <paramref name="source"/> declares a public
    /// static method <c>Predict</c> taking one input (a record whose properties are the inputs, or a single value) and
    /// returning the output (or a Task of it). The hub compiles it in a sandboxed process and serves it from one; a source
    /// that does not compile is refused with the compiler's errors (line and column).
    /// </summary>
    public async Task<Deployment> PublishFunctionAsync(string name, string source, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var body = JsonContent.Create(new Dictionary<string, string?>(StringComparer.Ordinal) { ["kind"] = "function", ["source"] = source, ["note"] = note });
        using var json = await SendAsync(HttpMethod.Post, $"hub/api/deployments/{Uri.EscapeDataString(name)}/versions", body, cancellationToken).ConfigureAwait(false);
        return Deployment.Parse(json.RootElement);
    }

    /// <summary>Exports an ML.NET model to ONNX (<paramref name="data"/> gives its input schema) and publishes it as the next version.</summary>
    public async Task<Deployment> PublishAsync(string name, MLContext ml, ITransformer model, IDataView data, string? note = null, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("aistudio-deploy-");
        try
        {
            var path = OnnxExport.Save(ml, model, data, Path.Combine(directory.FullName, name + ".onnx"));
            return await PublishOnnxAsync(name, path, note, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public async Task<Deployment> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, $"hub/api/deployments/{Uri.EscapeDataString(name)}", null, cancellationToken).ConfigureAwait(false);
        return Deployment.Parse(json.RootElement);
    }

    /// <summary>Sets each version's share of the traffic, in percent (they must add up to 100), e.g. { [1] = 90, [2] = 10 }.</summary>
    public async Task<Deployment> SetTrafficAsync(string name, IReadOnlyDictionary<int, int> percentByVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(percentByVersion);
        var body = JsonContent.Create(percentByVersion.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value));
        using var json = await SendAsync(HttpMethod.Put, $"hub/api/deployments/{Uri.EscapeDataString(name)}/traffic", body, cancellationToken).ConfigureAwait(false);
        return Deployment.Parse(json.RootElement);
    }

    /// <summary>All traffic back to <paramref name="version"/>, or to the split before the last change when null.</summary>
    public async Task<Deployment> RollbackAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        HttpContent body = version is { } v ? JsonContent.Create(new { version = v }) : JsonContent.Create(new { });
        using var json = await SendAsync(HttpMethod.Post, $"hub/api/deployments/{Uri.EscapeDataString(name)}/rollback", body, cancellationToken).ConfigureAwait(false);
        return Deployment.Parse(json.RootElement);
    }

    /// <summary>A new key for calling the deployment (shown once: keep it in a secret store, never in a notebook's output).</summary>
    public async Task<string> CreateKeyAsync(string name, string? note = null, CancellationToken cancellationToken = default)
    {
        var body = JsonContent.Create(new { note = note ?? "from a notebook", scopes = PredictScope });
        using var json = await SendAsync(HttpMethod.Post, $"hub/api/deployments/{Uri.EscapeDataString(name)}/keys", body, cancellationToken).ConfigureAwait(false);
        return json.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>
    /// Calls the deployment with one array of values per model input (ML.NET's exported models want every column they
    /// were trained with, the label included); by the traffic split, or <paramref name="version"/> when given.
    /// </summary>
    public async Task<Prediction> PredictAsync(Deployment deployment, IReadOnlyDictionary<string, Array> inputs, string? key = null, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(inputs);
        var url = version is { } v
            ? deployment.Versions.FirstOrDefault(d => d.Version == v)?.Url ?? throw new ArgumentException($"{deployment.Name} has no version {v}.", nameof(version))
            : deployment.Url;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { inputs }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? Token);
        using var json = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        return new Prediction(
            json.RootElement.GetProperty("version").GetInt32(),
            json.RootElement.GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.Clone()));
    }

    /// <summary>Each version's requests, errors and latency percentiles since the hub started.</summary>
    public async Task<IReadOnlyList<VersionMetrics>> MetricsAsync(string name, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, $"hub/api/deployments/{Uri.EscapeDataString(name)}/metrics", null, cancellationToken).ConfigureAwait(false);
        return VersionMetrics.Parse(json.RootElement);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Delete, $"hub/api/deployments/{Uri.EscapeDataString(name)}", null, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Hub, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("token", Token);
        return await ReadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeployException(response.StatusCode, $"{request.Method} {request.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {response.ReasonPhrase}: {Message(text)}");
        }

        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    /// <summary>The hub's "message" (Jupyter's error shape), else the body's start.</summary>
    private static string Message(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length <= 300 ? body : body[..300] + "…";
    }
}
