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

/// <summary>The typed requests of <see cref="KernelConnection"/>: kernel_info, complete, inspect, is_complete, history, comms, interrupt, shutdown, heartbeat, readiness and execute.</summary>
public sealed partial class KernelConnection
{
    /// <summary>kernel_info_request on shell (or control).</summary>
    public async Task<KernelInfoReply> KernelInfoAsync(string channel = Channels.Shell, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(channel, MessageTypes.KernelInfoRequest, new KernelInfoRequest(), ProtocolJson.Default.KernelInfoRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.KernelInfoReply);
    }

    public async Task<CompleteReply> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Shell, MessageTypes.CompleteRequest, new CompleteRequest { Code = code, CursorPosition = cursorPosition }, ProtocolJson.Default.CompleteRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.CompleteReply);
    }

    public async Task<InspectReply> InspectAsync(string code, int cursorPosition, int detailLevel = 0, CancellationToken cancellationToken = default)
    {
        var request = new InspectRequest { Code = code, CursorPosition = cursorPosition, DetailLevel = detailLevel };
        var reply = await RequestAsync(Channels.Shell, MessageTypes.InspectRequest, request, ProtocolJson.Default.InspectRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.InspectReply);
    }

    public async Task<IsCompleteReply> IsCompleteAsync(string code, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Shell, MessageTypes.IsCompleteRequest, new IsCompleteRequest { Code = code }, ProtocolJson.Default.IsCompleteRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.IsCompleteReply);
    }

    public async Task<HistoryReply> HistoryAsync(HistoryRequest request, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Shell, MessageTypes.HistoryRequest, request, ProtocolJson.Default.HistoryRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.HistoryReply);
    }

    public async Task<CommInfoReply> CommInfoAsync(string? targetName = null, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Shell, MessageTypes.CommInfoRequest, new CommInfoRequest { TargetName = targetName }, ProtocolJson.Default.CommInfoRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.CommInfoReply);
    }

    /// <summary>interrupt_request on control (for kernels whose interrupt_mode is message).</summary>
    public async Task<InterruptReply> InterruptAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Control, MessageTypes.InterruptRequest, new InterruptRequest(), ProtocolJson.Default.InterruptRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.InterruptReply);
    }

    /// <summary>shutdown_request on control.</summary>
    public async Task<ShutdownReply> ShutdownAsync(bool restart, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(Channels.Control, MessageTypes.ShutdownRequest, new ShutdownRequest { Restart = restart }, ProtocolJson.Default.ShutdownRequest, cancellationToken).ConfigureAwait(false);
        return reply.ContentAs(ProtocolJson.Default.ShutdownReply);
    }

    /// <summary>Sends a ping on the heartbeat socket; true when the same bytes come back within <paramref name="timeout"/>.</summary>
    public async Task<bool> HeartbeatAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _heartbeatGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var ping = Guid.NewGuid().ToString("N");
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[ping] = echoed;
        try
        {
            await SendRawAsync(Heartbeat, [Encoding.ASCII.GetBytes(ping)], cancellationToken).ConfigureAwait(false);
            await echoed.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            _pings.TryRemove(ping, out _);
            _heartbeatGate.Release();
        }
    }

    /// <summary>
    /// Waits until the kernel answers: sends kernel_info_request on shell and waits for a reply together with an iopub
    /// message of the same request (which proves the iopub subscription is live, past ZeroMQ's slow-joiner window), asking
    /// again when a round stays silent, as jupyter_client's wait_for_ready does. Returns the kernel_info_reply message
    /// (untyped, so that any kernel's reply is accepted; <see cref="KernelInfoAsync"/> gives the typed content).
    /// </summary>
    public async Task<JupyterMessage> WaitForReadyAsync(CancellationToken cancellationToken = default)
    {
        var related = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var attempts = new Dictionary<string, (JupyterMessage? Reply, bool IOPubSeen)>(StringComparer.Ordinal);
        var interval = _options.ReadyAttemptInterval;
        try
        {
            while (true)
            {
                var request = CreateMessage(MessageTypes.KernelInfoRequest, new KernelInfoRequest(), ProtocolJson.Default.KernelInfoRequest);
                // Without an iopub subscription there is no iopub message to wait for: the reply alone answers.
                attempts[request.Header.MessageId] = (null, !_options.IOPub);
                _pending[request.Header.MessageId] = new PendingRequest(related.Writer);
                await SendAsync(Channels.Shell, request, cancellationToken).ConfigureAwait(false);

                using var round = new CancellationTokenSource(interval, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, round.Token);
                try
                {
                    while (true)
                    {
                        var message = await related.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                        var parent = message.ParentHeader!.MessageId;
                        var state = attempts[parent];
                        state = message.Channel == Channels.IOPub ? (state.Reply, true) : (message, state.IOPubSeen);
                        attempts[parent] = state;
                        if (state.Reply is not null && state.IOPubSeen)
                        {
                            return state.Reply;
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    LogReadyRoundSilent(_logger, interval);
                    interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, _options.ReadyAttemptInterval.Ticks * 8));
                }
            }
        }
        finally
        {
            foreach (var id in attempts.Keys)
            {
                _pending.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// Runs code: sends execute_request on shell and collects the reply and every iopub message of the request until status
    /// idle, answering input_request through <see cref="ExecuteOptions.InputHandler"/>. The request is queued before this
    /// method first yields, so calls made one after another reach the kernel in that order.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(string code, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        options ??= ExecuteOptions.Default;
        var content = new ExecuteRequest
        {
            Code = code,
            Silent = options.Silent,
            StoreHistory = options.StoreHistory,
            StopOnError = options.StopOnError,
            AllowStdin = options.AllowStdin ?? options.InputHandler is not null,
            UserExpressions = options.UserExpressions?.ToDictionary(StringComparer.Ordinal),
        };
        var request = CreateMessage(MessageTypes.ExecuteRequest, content, ProtocolJson.Default.ExecuteRequest);
        var related = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var id = request.Header.MessageId;
        _pending[id] = new PendingRequest(related.Writer);
        try
        {
            await SendAsync(Channels.Shell, request, cancellationToken).ConfigureAwait(false);
            var iopub = new List<JupyterMessage>();
            var inputs = new List<JupyterMessage>();
            JupyterMessage? reply = null;
            var idle = false;
            while (reply is null || !idle)
            {
                JupyterMessage message;
                if (reply is null)
                {
                    message = await related.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    using var grace = new CancellationTokenSource(options.IdleTimeoutAfterReply, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, grace.Token);
                    try
                    {
                        message = await related.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        LogNoIdle(_logger, id);
                        break;
                    }
                }

                switch (message.Channel)
                {
                    case Channels.Shell:
                        reply = message;
                        break;
                    case Channels.Stdin when message.MessageType == MessageTypes.InputRequest:
                        inputs.Add(message);
                        await AnswerInputAsync(message, options, cancellationToken).ConfigureAwait(false);
                        break;
                    case Channels.IOPub:
                        iopub.Add(message);
                        if (message.MessageType == MessageTypes.Status
                            && message.Content.TryGetProperty("execution_state", out var state)
                            && state.ValueEquals("idle"))
                        {
                            idle = true;
                        }

                        break;
                    default:
                        break;
                }
            }

            return new ExecutionResult(request, reply, iopub, inputs, idle);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task AnswerInputAsync(JupyterMessage inputRequest, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var prompt = inputRequest.ContentAs(ProtocolJson.Default.InputRequest);
        string value;
        if (options.InputHandler is null)
        {
            LogUnansweredInput(_logger, prompt.Prompt);
            value = "";
        }
        else
        {
            value = options.InputHandler(prompt);
        }

        var reply = CreateMessage(MessageTypes.InputReply, new InputReply { Value = value }, ProtocolJson.Default.InputReply, inputRequest.Header);
        await SendAsync(Channels.Stdin, reply, cancellationToken).ConfigureAwait(false);
    }
}
