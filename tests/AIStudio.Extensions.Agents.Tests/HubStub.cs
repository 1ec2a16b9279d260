using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>
/// A loopback stand-in for the hub's agent API, exactly as its contract says (the real hub has its own tests):
/// <c>GET /hub/api/model-endpoints</c>, <c>GET /hub/api/model-endpoints/{name}/credentials</c>,
/// <c>GET /hub/api/agents/policy</c> and <c>POST /hub/api/usage/agents</c>, all behind <c>Authorization: token …</c>.
/// It also serves <c>GET /hello</c> for the HTTP fetch tool.
/// </summary>
internal sealed class HubStub : IAsyncDisposable
{
    public const string Token = "hub-token-for-tests";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _usage = new();

    private HubStub(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>The endpoint the hub hands out; its base URL is the scripted endpoint's.</summary>
    public required Uri LlmBaseUrl { get; init; }

    public string ApiKey { get; init; } = "";

    public bool Orchestration { get; set; } = true;

    public string Plan { get; set; } = "professional";

    /// <summary>When set, usage reports are refused with 403 and this message.</summary>
    public string? RefuseUsage { get; set; }

    public IReadOnlyList<JsonElement> UsageReports => [.. _usage];

    public static async Task<HubStub> StartAsync(Uri llmBaseUrl, string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new HubStub(app) { LlmBaseUrl = llmBaseUrl, ApiKey = apiKey };
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/hub") && http.Request.Headers.Authorization.ToString() != "token " + Token)
            {
                http.Response.StatusCode = 401;
                await http.Response.WriteAsJsonAsync(new { message = "bad token" });
                return;
            }

            await next(http);
        });
        app.MapGet("/hello", () => Results.Text("hello from the loopback", "text/plain"));
        app.MapGet("/hub/api/model-endpoints", () => Results.Content(hub.Endpoints().ToJsonString(), "application/json"));
        app.MapGet("/hub/api/model-endpoints/{name}/credentials", (string name) => name is "default" or "cheap"
            ? Results.Content(new JsonObject
            {
                ["name"] = name,
                ["provider"] = "openai-compatible",
                ["base_url"] = hub.LlmBaseUrl.ToString(),
                ["model"] = name == "cheap" ? "tiny-model" : "scripted-model",
                ["api_key"] = hub.ApiKey,
                ["input_cost_per_million"] = 2.5,
                ["output_cost_per_million"] = 10.0,
            }.ToJsonString(), "application/json")
            : Results.NotFound(new { message = "no such endpoint" }));
        app.MapGet("/hub/api/agents/policy", () => Results.Json(new { plan = hub.Plan, agent_orchestration = hub.Orchestration }));
        app.MapPost("/hub/api/usage/agents", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var report = body.RootElement.Clone();
            if (hub.RefuseUsage is { } refusal && report.GetProperty("orchestration").GetBoolean())
            {
                return Results.Json(new { message = refusal }, statusCode: 403);
            }

            hub._usage.Enqueue(report);
            return Results.StatusCode(202);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        hub.Address = new Uri(address.TrimEnd('/') + "/");
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private JsonArray Endpoints() =>
    [
        new JsonObject
        {
            ["name"] = "default", ["scope"] = "user", ["organization"] = null, ["provider"] = "openai-compatible",
            ["base_url"] = LlmBaseUrl.ToString(), ["model"] = "scripted-model", ["has_key"] = true,
            ["input_cost_per_million"] = 2.5, ["output_cost_per_million"] = 10.0, ["is_default"] = true,
        },
        new JsonObject
        {
            ["name"] = "cheap", ["scope"] = "org", ["organization"] = "acme", ["provider"] = "vllm",
            ["base_url"] = LlmBaseUrl.ToString(), ["model"] = "tiny-model", ["has_key"] = true,
            ["input_cost_per_million"] = 2.5, ["output_cost_per_million"] = 10.0, ["is_default"] = false,
        },
    ];
}
