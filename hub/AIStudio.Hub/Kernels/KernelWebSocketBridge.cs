using System.Net.WebSockets;
using System.Text.Json;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.WebSockets;
using AIStudio.Kernel.Protocol.Wire;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// <c>/api/kernels/{id}/channels</c>: relays one WebSocket to the kernel over a ZeroMQ connection of its own (so replies on
/// shell and stdin reach only this client; iopub reaches every client), as jupyter_server does. When the client drops, its
/// connection is kept for a while and buffers; a reconnect with the same session_id resumes it and gets what it missed. Speaks <c>v1.kernel.websocket.jupyter.org</c> when
/// the client offers it, else the default JSON framing. The hub signs what it sends with the kernel's key and passes on only
/// kernel messages whose signature it verified; a malformed client frame is dropped and logged, and the socket lives on.
/// </summary>
public static partial class KernelWebSocketBridge
{
    /// <summary>The largest WebSocket message taken from a client.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a client has to answer the hub's close frame.</summary>
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(2);

    /// <summary>How long what the kernel sends a disconnected client is kept for it to reconnect with the same session_id.</summary>
    private static readonly TimeSpan ReconnectWindow = TimeSpan.FromSeconds(60);

    /// <summary>The session of the status messages the hub itself sends.</summary>
    private static readonly string HubSession = Guid.NewGuid().ToString("N");

    public static async Task HandleAsync(HttpContext context, string id, Auth.Caller caller, KernelRegistry registry, IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        var logger = loggerFactory.CreateLogger("AIStudio.Hub.Kernels.WebSocket");
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiError.BadRequest("This route takes a WebSocket upgrade.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var kernel = registry.FindOwned(id, caller.UserId);
        if (kernel is null)
        {
            await ApiError.NotFound($"Kernel does not exist: {id}").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!caller.Can(Auth.Scopes.AccessKernels, caller.Self))
        {
            await ApiError.Result(StatusCodes.Status403Forbidden, $"Action is not authorized with current scopes; requires any of [{Auth.Scopes.AccessKernels}]", "Forbidden").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var v1 = context.WebSockets.WebSocketRequestedProtocols.Contains(KernelWebSocketV1Framing.SubProtocol);
        var sessionId = context.Request.Query["session_id"].ToString();
        var link = sessionId.Length > 0 ? kernel.TakeParked(sessionId) : null;
        var resumed = link is not null;
        link ??= kernel.TakeSpareLink();
        if (link is null)
        {
            using var ready = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, kernel.Stopping);
            ready.CancelAfter(ReadyTimeout);
            try
            {
                link = await ClientLink.OpenAsync(kernel, logger, ready.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                await ApiError.Result(StatusCodes.Status503ServiceUnavailable, $"Kernel {id} is not ready: {e.Message}", "Service Unavailable")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        var park = false;
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(v1 ? KernelWebSocketV1Framing.SubProtocol : null).ConfigureAwait(false);
            kernel.Attach();
            // As jupyter_server does: the hub itself tells the client when its kernel dies (the kernel cannot). Not a
            // restart asked for through the API: JupyterLab takes a "restarting" status for an automatic restart after
            // a crash, and says so (the client that asked knows; the hub restarts nothing on its own).
            void Announce(ManagedKernel _, KernelState from, KernelState to)
            {
                if (to is KernelState.Dead)
                {
                    link.Messages.Inject(StatusMessage(KernelStates.ToExecutionState(to), time.GetUtcNow()));
                }
            }

            kernel.StateChanged += Announce;
            LogConnected(logger, id, v1 ? KernelWebSocketV1Framing.SubProtocol : "json", sessionId, resumed);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, kernel.Stopping);
            try
            {
                var codec = new ZeroMqCodec(new MessageSigner(kernel.Process.Connection.Key));
                // The receive loop is never cancelled by the hub (a cancelled receive aborts the socket, and clients see
                // 1006): when the kernel or the hub stops, the hub sends a close frame and the client's answer ends the loop.
                var toClient = PumpToClientAsync(socket, link.Messages, v1, done.Token);
                var toKernel = PumpToKernelAsync(socket, link.Connection, codec, v1, kernel, logger, context.RequestAborted);
                await Task.WhenAny(toClient, toKernel).ConfigureAwait(false);
                await done.CancelAsync().ConfigureAwait(false);
                await Quietly(toClient).ConfigureAwait(false);
                await CloseAsync(socket).ConfigureAwait(false);
                if (await Task.WhenAny(toKernel, Task.Delay(CloseHandshake, CancellationToken.None)).ConfigureAwait(false) != toKernel)
                {
                    socket.Abort();
                }

                await Quietly(toKernel).ConfigureAwait(false);
            }
            finally
            {
                kernel.StateChanged -= Announce;
                kernel.Detach();
                LogDisconnected(logger, id);
            }

            // The client went away while the kernel and the hub live on: keep its link, buffering, for a reconnect.
            park = sessionId.Length > 0 && !kernel.Stopping.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;
        }
        finally
        {
            if (park)
            {
                kernel.Park(sessionId, link, ReconnectWindow);
                LogParked(logger, id, sessionId, ReconnectWindow.TotalSeconds);
            }
            else
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>An iopub status message of the hub's, with no parent (jupyter_server's <c>_send_status_message</c>).</summary>
    private static JupyterMessage StatusMessage(string executionState, DateTimeOffset now) => new()
    {
        Header = MessageHeader.Create(MessageTypes.Status, HubSession, "hub", now),
        Content = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["execution_state"] = executionState }),
        Channel = Channels.IOPub,
    };

    private static async Task PumpToClientAsync(WebSocket socket, MessageTap messages, bool v1, CancellationToken cancellationToken)
    {
        await foreach (var message in messages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var channel = message.Channel ?? Channels.IOPub;
            if (v1)
            {
                var parts = MessageParts.From(message);
                byte[][] pieces = [parts.Header, parts.ParentHeader, parts.Metadata, parts.Content, .. parts.Buffers];
                var frame = KernelWebSocketV1Framing.Serialize(channel, pieces);
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var (binary, payload) = KernelWebSocketJsonFraming.Serialize(message, channel);
                await socket.SendAsync(payload, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task PumpToKernelAsync(WebSocket socket, KernelConnection connection, ZeroMqCodec codec, bool v1, ManagedKernel kernel, ILogger logger, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            var tooLarge = false;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.Length + result.Count > MaxMessageBytes)
                {
                    tooLarge = true;
                }
                else
                {
                    message.Write(buffer, 0, result.Count);
                }
            }
            while (!result.EndOfMessage);

            if (tooLarge)
            {
                LogDropped(logger, kernel.Id, $"the message is larger than {MaxMessageBytes} bytes");
                continue;
            }

            kernel.Touch();
            try
            {
                var (channel, frames) = Decode(message.GetBuffer().AsSpan(0, (int)message.Length), result.MessageType == WebSocketMessageType.Binary, v1, codec);
                await connection.SendRawAsync(channel, frames, cancellationToken).ConfigureAwait(false);
            }
            catch (ProtocolException e)
            {
                LogDropped(logger, kernel.Id, e.Message);
            }
        }
    }

    /// <summary>A client frame as signed ZeroMQ frames and the channel to send them on; a <see cref="ProtocolException"/> when it is malformed.</summary>
    internal static (string Channel, List<byte[]> Frames) Decode(ReadOnlySpan<byte> payload, bool binary, bool v1, ZeroMqCodec codec)
    {
        string? channel;
        MessageParts parts;
        if (v1)
        {
            if (!binary)
            {
                throw new ProtocolException("A text frame on a v1.kernel.websocket.jupyter.org connection: messages are binary frames.");
            }

            var (name, pieces) = KernelWebSocketV1Framing.Deserialize(payload);
            if (pieces.Count < 4)
            {
                throw new ProtocolException($"The v1 frame holds {pieces.Count} parts; a message needs header, parent_header, metadata and content.");
            }

            channel = name;
            parts = new MessageParts { Header = pieces[0], ParentHeader = pieces[1], Metadata = pieces[2], Content = pieces[3], Buffers = pieces.Skip(4).ToArray() };
            // Parsing checks that every part is a JSON object and the header has msg_id and msg_type.
            _ = parts.ToMessage(channel: channel);
        }
        else
        {
            // The parts go on as the client wrote them (jupyter_server does the same), checked once, not rewritten.
            (channel, parts) = KernelWebSocketJsonFraming.DeserializeParts(payload, binary);
            _ = parts.ToMessage(channel: channel);
        }

        if (channel is not (Channels.Shell or Channels.Control or Channels.Stdin))
        {
            throw new ProtocolException($"Unknown channel '{channel}': a client sends on shell, control or stdin.");
        }

        return (channel, codec.Encode(parts, []));
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket attached to kernel {KernelId} ({Framing}, session {SessionId}, resumed: {Resumed}).")]
    private static partial void LogConnected(ILogger logger, string kernelId, string framing, string sessionId, bool resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kernel {KernelId}: keeping the link of session {SessionId} for {Seconds} s, for a reconnect.")]
    private static partial void LogParked(ILogger logger, string kernelId, string sessionId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket detached from kernel {KernelId}.")]
    private static partial void LogDisconnected(ILogger logger, string kernelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a client frame for kernel {KernelId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string kernelId, string reason);
}
