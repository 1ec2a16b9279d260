using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AIStudio.Kernel.Comms;
using AIStudio.Kernel.Engine;
using AIStudio.Kernel.Handlers;
using AIStudio.Kernel.History;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Wire;
using AIStudio.Kernel.Scripting;
using NetMQ;
using NetMQ.Sockets;

namespace AIStudio.Kernel.Hosting;

/// <summary>
/// The kernel process's server: binds the five Jupyter sockets, runs one socket thread (receives, and sends what the
/// <see cref="Outbox"/> queues), one shell thread (requests in order), and a heartbeat thread. Control requests are
/// answered on the socket thread at once, so interrupt and shutdown work while a cell runs.
/// </summary>
internal sealed class KernelServer : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly KernelLog _log;
    private readonly ZeroMqCodec _codec;
    private readonly ICodeEngine _engine;
    private readonly Outbox _outbox;
    private readonly StdinBroker _stdin;
    private readonly ShellHandler _shell;
    private readonly NetMQQueue<(ChannelKind Channel, List<byte[]> Frames)> _sendQueue = new();
    private readonly BlockingCollection<JupyterMessage> _shellQueue = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TimeSpan WarmUpDelay = TimeSpan.FromMilliseconds(250);
    private readonly TaskCompletionSource _firstReply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KernelOptions _options;
    private RouterSocket? _shellSocket;
    private RouterSocket? _controlSocket;
    private RouterSocket? _stdinSocket;
    private XPublisherSocket? _iopubSocket;
    private bool _startingPublished;
    private NetMQPoller? _poller;

    public KernelServer(ConnectionInfo connection, KernelOptions options, KernelLog log, TimeProvider time)
    {
        _connection = connection;
        _options = options;
        _log = log;
        _codec = new ZeroMqCodec(new MessageSigner(connection.Key));
        _outbox = new Outbox(_codec, Guid.NewGuid().ToString(), Environment.UserName, time, (channel, frames) => _sendQueue.Enqueue((channel, frames)));
        _stdin = new StdinBroker(_outbox, log);
        _engine = new DotNetInteractiveEngine(log, new EngineOptions
        {
            UseDotNetInteractiveCSharpKernel = Environment.GetEnvironmentVariable("AISTUDIO_CSHARP_KERNEL") == "dotnet-interactive",
        });
        var comms = new CommManager(_outbox, log);
        KernelServices.Attach(comms);
        _shell = new ShellHandler(_engine, _outbox, _stdin, new HistoryStore(options.HistoryFile, log), comms, log);
    }

    /// <summary>Runs until a shutdown_request (or SIGTERM); returns the process exit code.</summary>
    public int Run()
    {
        Bind();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            _log.Info("SIGINT: interrupting the running cell.");
            _engine.Interrupt();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _log.Info("SIGTERM: shutting down.");
            Stop(0);
        });

        var heartbeat = new Thread(RunHeartbeat) { IsBackground = true, Name = "heartbeat" };
        heartbeat.Start();
        var shell = new Thread(RunShell) { IsBackground = true, Name = "shell" };
        shell.Start();
        // Warm the C# engine once the front-end has its kernel_info_reply (or after a moment if it asks nothing):
        // on two cores, warming up earlier would slow the first reply that clients wait for.
        _ = Task.WhenAny(_firstReply.Task, Task.Delay(WarmUpDelay)).ContinueWith(_ => WarmUpAsync(), TaskScheduler.Default).Unwrap();

        _log.Info($"Listening on {_connection.Endpoint(_connection.ShellPort)} (shell), {(_outbox.Time.GetLocalNow().DateTime - Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms after the process started.");
        _poller!.Run();
        return _exit.Task.IsCompleted ? _exit.Task.Result : 0;
    }

    public void Dispose()
    {
        _poller?.Dispose();
        _shellSocket?.Dispose();
        _controlSocket?.Dispose();
        _stdinSocket?.Dispose();
        _iopubSocket?.Dispose();
        _sendQueue.Dispose();
        _shellQueue.Dispose();
        _stopping.Dispose();
    }

    private void Bind()
    {
        _shellSocket = new RouterSocket();
        _controlSocket = new RouterSocket();
        _stdinSocket = new RouterSocket();
        _iopubSocket = new XPublisherSocket();
        foreach (var socket in new NetMQSocket[] { _shellSocket, _controlSocket, _stdinSocket, _iopubSocket })
        {
            socket.Options.Linger = TimeSpan.FromSeconds(1);
            socket.Options.MaxMsgSize = _options.MaxMessageBytes;
        }

        _shellSocket.Bind(_connection.Endpoint(_connection.ShellPort));
        _controlSocket.Bind(_connection.Endpoint(_connection.ControlPort));
        _stdinSocket.Bind(_connection.Endpoint(_connection.StdinPort));
        _iopubSocket.Bind(_connection.Endpoint(_connection.IOPubPort));

        _shellSocket.ReceiveReady += (_, e) => Receive(e.Socket, ChannelKind.Shell);
        _controlSocket.ReceiveReady += (_, e) => Receive(e.Socket, ChannelKind.Control);
        _stdinSocket.ReceiveReady += (_, e) => Receive(e.Socket, ChannelKind.Stdin);
        _iopubSocket.ReceiveReady += (_, e) => OnSubscription(e.Socket);
        _sendQueue.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                SendNow(item.Channel, item.Frames);
            }
        };
        _poller = [_iopubSocket, _shellSocket, _controlSocket, _stdinSocket, _sendQueue];
    }

    private void SendNow(ChannelKind channel, List<byte[]> frames)
    {
        if (channel == ChannelKind.IOPub && !_startingPublished)
        {
            // A subscriber that joined since the last poll gets "starting" before anything else.
            OnSubscription(_iopubSocket!);
        }

        NetMQSocket socket = channel switch
        {
            ChannelKind.Shell => _shellSocket!,
            ChannelKind.Control => _controlSocket!,
            ChannelKind.Stdin => _stdinSocket!,
            _ => _iopubSocket!,
        };
        var message = new NetMQMessage(frames.Count);
        foreach (var frame in frames)
        {
            message.Append(frame);
        }

        if (!socket.TrySendMultipartMessage(TimeSpan.FromSeconds(1), message))
        {
            _log.Warn($"Dropped a {channel} message: the peer is not reading.");
        }
    }

    private void Receive(NetMQSocket socket, ChannelKind channel)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames, 8))
        {
            JupyterMessage message;
            try
            {
                message = _codec.Decode(frames, channel.ToString().ToLowerInvariant());
            }
            catch (ProtocolException e)
            {
                _log.Warn($"Dropped a message on {channel}: {e.Message}");
                continue;
            }

            _log.Debug($"{channel} <- {message.MessageType}");
            switch (channel)
            {
                case ChannelKind.Shell when message.MessageType == MessageTypes.ShutdownRequest:
                    HandleControl(message, ChannelKind.Shell);
                    break;
                case ChannelKind.Shell when message.MessageType == MessageTypes.KernelInfoRequest:
                    // kernel_info never waits behind a running cell: clients use it to see that the kernel is alive.
                    PublishStatus("busy", message);
                    _outbox.Reply(ChannelKind.Shell, message, MessageTypes.KernelInfoReply, KernelInfoFactory.Create(), ProtocolJson.Default.KernelInfoReply);
                    PublishStatus("idle", message);
                    _firstReply.TrySetResult();
                    break;
                case ChannelKind.Shell:
                    _shellQueue.Add(message);
                    break;
                case ChannelKind.Control:
                    HandleControl(message, ChannelKind.Control);
                    break;
                case ChannelKind.Stdin:
                    _stdin.OnMessage(message);
                    break;
            }
        }
    }

    /// <summary>
    /// iopub is an XPUB socket so the kernel sees subscriptions: "starting" is published when the first front-end has
    /// subscribed, so that it reaches someone (a plain PUB would drop it before any subscriber has joined).
    /// </summary>
    private void OnSubscription(NetMQSocket socket)
    {
        while (socket.TryReceiveFrameBytes(TimeSpan.Zero, out var frame))
        {
            if (frame.Length > 0 && frame[0] == 1 && !_startingPublished)
            {
                _startingPublished = true;
                SendNow(ChannelKind.IOPub, _outbox.Encode(MessageTypes.Status, new KernelStatus { ExecutionState = "starting" }, ProtocolJson.Default.KernelStatus));
            }
        }
    }

    private void HandleControl(JupyterMessage request, ChannelKind channel)
    {
        PublishStatus("busy", request);
        try
        {
            switch (request.MessageType)
            {
                case MessageTypes.KernelInfoRequest:
                    _outbox.Reply(channel, request, MessageTypes.KernelInfoReply, KernelInfoFactory.Create(), ProtocolJson.Default.KernelInfoReply);
                    _firstReply.TrySetResult();
                    break;
                case MessageTypes.InterruptRequest:
                    _log.Info("interrupt_request: interrupting the running cell.");
                    _engine.Interrupt();
                    _outbox.Reply(channel, request, MessageTypes.InterruptReply, new InterruptReply(), ProtocolJson.Default.InterruptReply);
                    break;
                case MessageTypes.ShutdownRequest:
                    var restart = request.ContentAs(ProtocolJson.Default.ShutdownRequest).Restart;
                    _outbox.Reply(channel, request, MessageTypes.ShutdownReply, new ShutdownReply { Restart = restart }, ProtocolJson.Default.ShutdownReply);
                    PublishStatus("idle", request);
                    _log.Info($"shutdown_request (restart: {restart}): exiting; the kernel manager starts a new process for a restart.");
                    Stop(0);
                    return;
                default:
                    _log.Warn($"Unknown control message type '{request.MessageType}' ignored.");
                    break;
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            _log.Warn($"Malformed {request.MessageType} content: {e.Message}");
        }

        PublishStatus("idle", request);
    }

    private void RunShell()
    {
        foreach (var request in _shellQueue.GetConsumingEnumerable())
        {
            PublishStatus("busy", request);
            bool abortQueued;
            try
            {
                abortQueued = _shell.HandleAsync(request, _stopping.Token).GetAwaiter().GetResult();
            }
            catch (System.Text.Json.JsonException e)
            {
                _log.Warn($"Malformed {request.MessageType} content: {e.Message}");
                abortQueued = false;
                if (request.MessageType == MessageTypes.ExecuteRequest || request.MessageType.EndsWith("_request", StringComparison.Ordinal))
                {
                    _outbox.Reply(ChannelKind.Shell, request, MessageTypes.ReplyTo(request.MessageType), new ReplyError { ExceptionName = "MalformedRequest", ExceptionValue = e.Message }, ProtocolJson.Default.ReplyError);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Error($"Handling {request.MessageType} failed", e);
                abortQueued = false;
                _outbox.Reply(ChannelKind.Shell, request, MessageTypes.ReplyTo(request.MessageType), new ReplyError { ExceptionName = e.GetType().Name, ExceptionValue = e.Message }, ProtocolJson.Default.ReplyError);
            }

            PublishStatus("idle", request);
            if (abortQueued)
            {
                AbortQueuedExecutes();
            }
        }
    }

    /// <summary>stop_on_error: execute requests that were already queued behind a failed cell are answered "aborted".</summary>
    private void AbortQueuedExecutes()
    {
        var keep = new List<JupyterMessage>();
        while (_shellQueue.TryTake(out var queued))
        {
            if (queued.MessageType == MessageTypes.ExecuteRequest)
            {
                PublishStatus("busy", queued);
                _shell.Abort(queued);
                PublishStatus("idle", queued);
            }
            else
            {
                keep.Add(queued);
            }
        }

        foreach (var message in keep)
        {
            _shellQueue.Add(message);
        }
    }

    private async Task WarmUpAsync()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _engine.WarmUpAsync(_stopping.Token).ConfigureAwait(false);
            _log.Info($"C# engine ready in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            _log.Info("Warm-up stopped: the kernel is shutting down.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error("Warming up the C# engine failed", e);
        }
    }

    private void RunHeartbeat()
    {
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        socket.Bind(_connection.Endpoint(_connection.HeartbeatPort));
        var frames = new List<byte[]>();
        while (!_stopping.IsCancellationRequested)
        {
            if (socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(250), ref frames))
            {
                var echo = new NetMQMessage(frames.Count);
                foreach (var frame in frames)
                {
                    echo.Append(frame);
                }

                socket.TrySendMultipartMessage(TimeSpan.FromSeconds(1), echo);
            }
        }
    }

    private void PublishStatus(string state, JupyterMessage parent) =>
        _outbox.Publish(MessageTypes.Status, new KernelStatus { ExecutionState = state }, ProtocolJson.Default.KernelStatus, parent.Header);

    private void Stop(int exitCode)
    {
        if (!_exit.TrySetResult(exitCode))
        {
            return;
        }

        _stopping.Cancel();
        _engine.Interrupt();
        // Let the socket thread send what is queued (the shutdown reply), then stop the poller.
        _ = Task.Run(async () =>
        {
            await Task.Delay(100).ConfigureAwait(false);
            _poller?.StopAsync();
        });
    }
}
