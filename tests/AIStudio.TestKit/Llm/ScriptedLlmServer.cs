using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIStudio.TestKit.Llm;

/// <summary>
/// An OpenAI-compatible endpoint on 127.0.0.1 (Kestrel, a free port) that answers <c>POST /v1/chat/completions</c> from a
/// script: streamed (SSE chunks, then the usage chunk when <c>stream_options.include_usage</c> asks for it, then
/// <c>[DONE]</c>) or not, text or tool calls, error statuses with Retry-After, malformed bodies and slow answers. It
/// records every request, so tests can check what the real SDK clients sent.
/// </summary>
public sealed class ScriptedLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedLlmServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<ScriptedLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedLlmServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public int Remaining => _script.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var request = new RecordedRequest(http.Request.Headers.Authorization.ToString(), body.RootElement.Clone());
        _requests.Enqueue(request);
        if (!_script.TryDequeue(out var reply))
        {
            http.Response.StatusCode = 500;
            await http.Response.WriteAsync("""{"error":{"message":"the test's script has no more replies"}}""");
            return;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.Status != 200)
        {
            http.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = reply.RetryAfter;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(reply.Malformed ?? "{}");
            return;
        }

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..16];
        var model = request.Body.TryGetProperty("model", out var m) ? m.GetString() ?? "scripted" : "scripted";
        var tool = reply.ToolSuffix is null ? null
            : request.ToolNames.FirstOrDefault(n => n.EndsWith(reply.ToolSuffix, StringComparison.Ordinal))
              ?? throw new InvalidOperationException($"No tool ending with '{reply.ToolSuffix}' among: {string.Join(", ", request.ToolNames)}");
        if (request.Stream)
        {
            await StreamAsync(http, reply, request, id, model, tool);
        }
        else
        {
            http.Response.ContentType = "application/json";
            if (reply.Malformed is not null)
            {
                await http.Response.WriteAsync(reply.Malformed);
                return;
            }

            var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
            if (tool is not null)
            {
                message["tool_calls"] = new JsonArray(ToolCall(tool, reply.ToolArguments, index: null));
            }

            var completion = Envelope(id, "chat.completion", model);
            completion["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = tool is null ? "stop" : "tool_calls" });
            completion["usage"] = Usage(reply);
            await http.Response.WriteAsync(completion.ToJsonString());
        }
    }

    private static async Task StreamAsync(HttpContext http, ScriptedReply reply, RecordedRequest request, string id, string model, string? tool)
    {
        http.Response.ContentType = "text/event-stream";
        if (reply.Malformed is not null)
        {
            await Data(http, reply.Malformed);
            return;
        }

        await Data(http, Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString());
        if (reply.Text is not null)
        {
            foreach (var piece in Split(reply.Text, reply.Chunks))
            {
                await Data(http, Chunk(id, model, new JsonObject { ["content"] = piece }, null).ToJsonString());
            }
        }

        if (tool is not null)
        {
            await Data(http, Chunk(id, model, new JsonObject { ["tool_calls"] = new JsonArray(ToolCall(tool, reply.ToolArguments, index: 0)) }, null).ToJsonString());
        }

        await Data(http, Chunk(id, model, new JsonObject(), tool is null ? "stop" : "tool_calls").ToJsonString());
        if (request.IncludeUsage)
        {
            var usage = Envelope(id, "chat.completion.chunk", model);
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(reply);
            await Data(http, usage.ToJsonString());
        }

        await Data(http, "[DONE]");
    }

    private static JsonObject ToolCall(string name, string arguments, int? index)
    {
        var call = new JsonObject
        {
            ["id"] = "call_" + Guid.NewGuid().ToString("N")[..12],
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        };
        if (index is { } i)
        {
            call["index"] = i;
        }

        return call;
    }

    private static JsonObject Chunk(string id, string model, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(id, "chat.completion.chunk", model);
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private static JsonObject Envelope(string id, string kind, string model) => new()
    {
        ["id"] = id,
        ["object"] = kind,
        ["created"] = 1_700_000_000,
        ["model"] = model,
    };

    private static JsonObject Usage(ScriptedReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static IEnumerable<string> Split(string text, int chunks)
    {
        var size = Math.Max(1, (int)Math.Ceiling(text.Length / (double)Math.Max(1, chunks)));
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static async Task Data(HttpContext http, string data)
    {
        await http.Response.WriteAsync("data: " + data + "\n\n", Encoding.UTF8);
        await http.Response.Body.FlushAsync();
    }
}
