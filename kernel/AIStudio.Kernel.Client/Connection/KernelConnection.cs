using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Wire;
using Microsoft.Extensions.Logging;
using NetMQ;
using NetMQ.Sockets;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>
/// A client connection to one Jupyter kernel over ZeroMQ: DEALER sockets on shell, control and stdin (one identity, so
/// input_request finds its way back, as jupyter_client does), SUB on iopub, REQ on heartbeat. Every socket lives on one
/// poller thread; sends are queued to it. Messages are signed with the connection's key, and received ones that fail
/// verification are dropped and logged.
/// </summary>
public sealed partial class KernelConnection : IAsyncDisposable
{
    /// <summary>The pseudo channel name of the heartbeat socket, for <see cref="SendRawAsync"/>.</summary>
    public const string Heartbeat = "hb";

    private readonly KernelConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ZeroMqCodec _codec;
    private readonly DealerSocket _shell;
    private readonly DealerSocket _control;
    private readonly DealerSocket _stdin;
    private readonly SubscriberSocket? _iopub;
    private readonly RequestSocket _heartbeat;
    private readonly NetMQQueue<Outgoing> _outgoing;
    private readonly NetMQPoller _poller;
    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pings = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _heartbeatGate = new(1, 1);
    private readonly Lock _subscriptionsLock = new();
    private MessageSubscription[] _subscriptions = [];
    private long _dropped;
    private int _disposed;

    /// <summary>Connects to the kernel the connection info describes. The kernel need not be listening yet: ZeroMQ reconnects.</summary>
    public KernelConnection(ConnectionInfo connectionInfo, KernelConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionInfo);
        ConnectionInfo = connectionInfo;
        _options = options ?? new KernelConnectionOptions();
        _logger = _options.Logger;
        _time = _options.TimeProvider;
        _codec = new ZeroMqCodec(new MessageSigner(connectionInfo.Key));
        Session = _options.Session ?? Guid.NewGuid().ToString();
        Identity = Encoding.UTF8.GetBytes(Session);

        _shell = Dealer(connectionInfo.ShellPort);
        _control = Dealer(connectionInfo.ControlPort);
        _stdin = Dealer(connectionInfo.StdinPort);
        if (_options.IOPub)
        {
            _iopub = new SubscriberSocket();
            Configure(_iopub);
            _iopub.SubscribeToAnyTopic();
            _iopub.Connect(connectionInfo.Endpoint(connectionInfo.IOPubPort));
            _iopub.ReceiveReady += (_, e) => Receive(e.Socket, Channels.IOPub);
        }

        _heartbeat = new RequestSocket();
        Configure(_heartbeat);
        // Relaxed: a new ping may go out after one that timed out; Correlate: a late echo of the old one is dropped.
        _heartbeat.Options.Relaxed = true;
        _heartbeat.Options.Correlate = true;
        _heartbeat.Connect(connectionInfo.Endpoint(connectionInfo.HeartbeatPort));

        _outgoing = new NetMQQueue<Outgoing>();
        _outgoing.ReceiveReady += (_, e) => SendQueued(e.Queue);
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, Channels.Shell);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, Channels.Control);
        _stdin.ReceiveReady += (_, e) => Receive(e.Socket, Channels.Stdin);
        _heartbeat.ReceiveReady += (_, e) => ReceiveHeartbeat(e.Socket);

        _poller = [_outgoing, _shell, _control, _stdin, _heartbeat];
        if (_iopub is not null)
        {
            _poller.Add(_iopub);
        }

        _poller.RunAsync("kernel-connection", isBackgroundThread: true);
    }

    public ConnectionInfo ConnectionInfo { get; }

    /// <summary>The session id of every header this client writes.</summary>
    public string Session { get; }

    /// <summary>The ZeroMQ identity of the shell, control and stdin sockets (the session id in UTF-8).</summary>
    public ReadOnlyMemory<byte> Identity { get; }

    /// <summary>How many received messages were dropped because they were unsigned, forged or malformed.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Makes a message of this session with typed content.</summary>
    public JupyterMessage CreateMessage<T>(string messageType, T content, JsonTypeInfo<T> typeInfo, MessageHeader? parent = null) =>
        JupyterMessage.Create(messageType, content, typeInfo, Session, _options.Username, _time.GetUtcNow(), parent);

    /// <summary>Makes a message of this session with JSON content.</summary>
    public JupyterMessage CreateMessage(string messageType, JsonElement content, MessageHeader? parent = null) =>
        CreateMessage(messageType, content, ProtocolJson.Default.JsonElement, parent);

    /// <summary>Starts receiving every verified message (all channels) from now on.</summary>
    public MessageSubscription Subscribe(Func<JupyterMessage, bool>? filter = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var subscription = new MessageSubscription(filter, Unsubscribe);
        lock (_subscriptionsLock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Signs and sends a message on shell, control or stdin.</summary>
    public Task SendAsync(string channel, JupyterMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendRawAsync(channel, _codec.Encode(message), cancellationToken);
    }

    /// <summary>
    /// Sends frames exactly as given on shell, control, stdin or <see cref="Heartbeat"/>: the escape hatch for testing how a
    /// kernel treats garbage, unsigned or forged messages. The queue keeps the order of calls.
    /// </summary>
    public Task SendRawAsync(string channel, IReadOnlyList<byte[]> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (channel is not (Channels.Shell or Channels.Control or Channels.Stdin or Heartbeat))
        {
            throw new ArgumentException($"Cannot send on '{channel}': use shell, control, stdin or hb.", nameof(channel));
        }

        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outgoing.Enqueue(new Outgoing(channel, frames, sent));
        return sent.Task;
    }

    /// <summary>Sends a request and waits for the reply whose parent is it (on the same channel).</summary>
    public async Task<JupyterMessage> RequestAsync(string channel, JupyterMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = new PendingRequest(null);
        var id = request.Header.MessageId;
        _pending[id] = pending;
        try
        {
            await SendAsync(channel, request, cancellationToken).ConfigureAwait(false);
            return await pending.Reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a request with JSON content and waits for its reply.</summary>
    public Task<JupyterMessage> RequestAsync(string channel, string messageType, JsonElement content, CancellationToken cancellationToken = default) =>
        RequestAsync(channel, CreateMessage(messageType, content), cancellationToken);

    /// <summary>Sends a request with typed content and waits for its reply.</summary>
    public Task<JupyterMessage> RequestAsync<T>(string channel, string messageType, T content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        RequestAsync(channel, CreateMessage(messageType, content, typeInfo), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Stop() waits for the poller thread to leave its loop; keep that wait off the caller's thread.
        await Task.Run(_poller.Stop).ConfigureAwait(false);
        _poller.Dispose();
        _outgoing.Dispose();
        _shell.Dispose();
        _control.Dispose();
        _stdin.Dispose();
        _iopub?.Dispose();
        _heartbeat.Dispose();
        _heartbeatGate.Dispose();

        var disposed = new ObjectDisposedException(nameof(KernelConnection));
        foreach (var pending in _pending.Values)
        {
            pending.Reply.TrySetException(disposed);
            pending.Related?.TryComplete(disposed);
        }

        MessageSubscription[] subscriptions;
        lock (_subscriptionsLock)
        {
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }
    }

    private DealerSocket Dealer(int port)
    {
        var socket = new DealerSocket();
        Configure(socket);
        socket.Options.Identity = Identity.ToArray();
        socket.Connect(ConnectionInfo.Endpoint(port));
        return socket;
    }

    private void Configure(NetMQSocket socket)
    {
        socket.Options.Linger = TimeSpan.Zero;
        socket.Options.ReconnectInterval = _options.ReconnectInterval;
    }

    private void Unsubscribe(MessageSubscription subscription)
    {
        lock (_subscriptionsLock)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    // Runs on the poller thread, the only thread that touches the sockets.
    private void SendQueued(NetMQQueue<Outgoing> queue)
    {
        while (queue.TryDequeue(out var item, TimeSpan.Zero))
        {
            try
            {
                NetMQSocket socket = item.Channel switch
                {
                    Channels.Shell => _shell,
                    Channels.Control => _control,
                    Channels.Stdin => _stdin,
                    _ => _heartbeat,
                };
                var message = new NetMQMessage(item.Frames.Count);
                foreach (var frame in item.Frames)
                {
                    message.Append(frame);
                }

                if (socket.TrySendMultipartMessage(TimeSpan.FromSeconds(1), message))
                {
                    item.Sent.TrySetResult();
                }
                else
                {
                    item.Sent.TrySetException(new IOException($"The {item.Channel} socket did not take the message within 1 s (send queue full)."));
                }
            }
            catch (NetMQException e)
            {
                item.Sent.TrySetException(e);
            }
        }
    }

    // Runs on the poller thread.
    private void Receive(NetMQSocket socket, string channel)
    {
        try
        {
            ReceiveAll(socket, channel);
        }
        catch (NetMQException e)
        {
            LogSocketError(_logger, channel, e);
        }
    }

    private void ReceiveAll(NetMQSocket socket, string channel)
    {
        var frames = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(ref frames))
        {
            var bytes = new List<byte[]>(frames.FrameCount);
            foreach (var frame in frames)
            {
                bytes.Add(frame.ToByteArray());
            }

            frames.Clear();
            JupyterMessage message;
            try
            {
                message = _codec.Decode(bytes, channel);
            }
            catch (ProtocolException e)
            {
                Interlocked.Increment(ref _dropped);
                LogDropped(_logger, channel, e.Message);
                continue;
            }

            Dispatch(message, channel);
        }
    }

    private void Dispatch(JupyterMessage message, string channel)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            try
            {
                subscription.Offer(message);
            }
#pragma warning disable CA1031 // A faulty subscriber filter must not stop the receive loop.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(_logger, e);
            }
        }

        var parentId = message.ParentHeader?.MessageId;
        if (parentId is null || !_pending.TryGetValue(parentId, out var pending))
        {
            if (channel == Channels.Stdin)
            {
                LogUnexpectedStdin(_logger, message.MessageType);
            }

            return;
        }

        switch (channel)
        {
            case Channels.Shell or Channels.Control:
                pending.Related?.TryWrite(message);
                pending.Reply.TrySetResult(message);
                break;
            default:
                pending.Related?.TryWrite(message);
                break;
        }
    }

    // Runs on the poller thread.
    private void ReceiveHeartbeat(NetMQSocket socket)
    {
        // REQ: one reply per request; asking for a second throws.
        try
        {
            if (socket.TryReceiveFrameBytes(out var echo) && _pings.TryGetValue(Encoding.ASCII.GetString(echo), out var pending))
            {
                pending.TrySetResult();
            }
        }
        catch (NetMQException e)
        {
            LogSocketError(_logger, Heartbeat, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Channel} socket failed to receive.")]
    private static partial void LogSocketError(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message subscriber threw; the message still reached the others.")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {MessageType} on stdin belongs to no request in flight; ignored.")]
    private static partial void LogUnexpectedStdin(ILogger logger, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kernel asked for input ('{Prompt}') but no input handler was given; answering with an empty line.")]
    private static partial void LogUnansweredInput(ILogger logger, string prompt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "execute_reply for {MessageId} came but status idle did not follow in time.")]
    private static partial void LogNoIdle(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No kernel_info round completed within {Interval}; asking again.")]
    private static partial void LogReadyRoundSilent(ILogger logger, TimeSpan interval);

    private sealed record Outgoing(string Channel, IReadOnlyList<byte[]> Frames, TaskCompletionSource Sent);
}
