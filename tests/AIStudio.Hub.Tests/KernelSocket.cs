using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Kernel.Protocol.WebSockets;

namespace AIStudio.Hub.Tests;

/// <summary>One message received over the kernel WebSocket, whichever framing carried it.</summary>
public sealed record ReceivedMessage(string Channel, string MessageType, string? ParentId, JsonElement Content);

/// <summary>
/// A Jupyter front-end's side of <c>/api/kernels/{id}/channels</c>, in the v1 framing or the default JSON framing. It sends
/// unsigned messages, as browsers do: the hub signs them.
/// </summary>
public sealed class KernelSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly string _session;

    private KernelSocket(bool v1, string? session)
    {
        V1 = v1;
        _session = session ?? Guid.NewGuid().ToString();
    }

    public bool V1 { get; }

    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>The session_id this client sends (a reconnect with the same one resumes where the last connection dropped).</summary>
    public string Session => _session;

    /// <summary>How the hub closed the socket (null while open or when the connection was dropped without a close frame).</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<KernelSocket> ConnectAsync(Uri baseAddress, string kernelId, bool v1, CancellationToken cancellationToken, string? session = null, string? token = null)
    {
        var socket = new KernelSocket(v1, session);
        if (v1)
        {
            socket._socket.Options.AddSubProtocol(KernelWebSocketV1Framing.SubProtocol);
        }

        var uri = new UriBuilder(new Uri(baseAddress, $"api/kernels/{kernelId}/channels"))
        {
            Scheme = "ws",
            Query = $"session_id={socket._session}&token={token ?? HubFixture.Token}",
        }.Uri;
        socket._socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket._socket.ConnectAsync(uri, cancellationToken);
        }
        catch (WebSocketException e)
        {
            // Say what the hub answered instead of the upgrade, so a failure explains itself.
            throw new WebSocketException($"WebSocket to kernel {kernelId} refused: HTTP {(int)socket._socket.HttpStatusCode}", e);
        }

        return socket;
    }

    /// <summary>Sends a request on a channel; returns its msg_id.</summary>
    public async Task<string> SendAsync(string channel, string messageType, object content, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var header = new JsonObject
        {
            ["msg_id"] = id,
            ["session"] = _session,
            ["username"] = "test",
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["msg_type"] = messageType,
            ["version"] = "5.4",
        };
        var contentJson = JsonSerializer.SerializeToNode(content)!;
        if (V1)
        {
            byte[][] parts = [Bytes(header), "{}"u8.ToArray(), "{}"u8.ToArray(), Bytes(contentJson)];
            await SendRawAsync(KernelWebSocketV1Framing.Serialize(channel, parts), binary: true, cancellationToken);
        }
        else
        {
            var message = new JsonObject
            {
                ["header"] = header,
                ["parent_header"] = new JsonObject(),
                ["metadata"] = new JsonObject(),
                ["content"] = contentJson,
                ["channel"] = channel,
                ["buffers"] = new JsonArray(),
            };
            await SendRawAsync(Bytes(message), binary: false, cancellationToken);
        }

        return id;
    }

    public Task<string> ExecuteAsync(string code, CancellationToken cancellationToken) =>
        SendAsync("shell", "execute_request", new Dictionary<string, object>
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new Dictionary<string, string>(),
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        }, cancellationToken);

    public async Task SendRawAsync(byte[] payload, bool binary, CancellationToken cancellationToken) =>
        await _socket.SendAsync(payload, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async Task<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var stream = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
                throw new WebSocketException("The hub closed the WebSocket.");
            }

            stream.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        var payload = stream.ToArray();
        if (V1)
        {
            Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
            var (channel, parts) = KernelWebSocketV1Framing.Deserialize(payload);
            using var header = JsonDocument.Parse(parts[0]);
            using var parent = JsonDocument.Parse(parts[1]);
            using var content = JsonDocument.Parse(parts[3]);
            return new ReceivedMessage(
                channel,
                header.RootElement.GetProperty("msg_type").GetString()!,
                parent.RootElement.TryGetProperty("msg_id", out var parentId) ? parentId.GetString() : null,
                content.RootElement.Clone());
        }

        var message = KernelWebSocketJsonFraming.Deserialize(payload, result.MessageType == WebSocketMessageType.Binary);
        return new ReceivedMessage(message.Channel!, message.MessageType, message.ParentHeader?.MessageId, message.Content);
    }

    /// <summary>
    /// The first message of <paramref name="seen"/> (read by an earlier wait) that matches, else reads until one matches;
    /// every message read on the way is kept in <paramref name="seen"/>. shell and iopub have no order between them, so a
    /// cell's idle status may have been read while waiting for its reply, and the other way round.
    /// </summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> predicate, List<ReceivedMessage> seen, CancellationToken cancellationToken)
    {
        if (seen.FirstOrDefault(predicate) is { } earlier)
        {
            return earlier;
        }

        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            seen.Add(message);
            if (predicate(message))
            {
                return message;
            }
        }
    }

    /// <summary>Runs code and returns the text/plain of its execute_result once the kernel is idle again and has replied.</summary>
    public async Task<(string? Result, List<ReceivedMessage> Seen)> RunAsync(string code, CancellationToken cancellationToken)
    {
        var id = await ExecuteAsync(code, cancellationToken);
        var seen = new List<ReceivedMessage>();
        await WaitForAsync(m => m.ParentId == id && m.MessageType == "status" && m.Content.GetProperty("execution_state").GetString() == "idle", seen, cancellationToken);
        await WaitForAsync(m => m.ParentId == id && m.MessageType == "execute_reply", seen, cancellationToken);

        var result = seen.FirstOrDefault(m => m.ParentId == id && m.MessageType == "execute_result");
        return (result?.Content.GetProperty("data").GetProperty("text/plain").GetString(), seen);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
