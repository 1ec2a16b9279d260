using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Hosting;

/// <summary>Matches input_reply messages on stdin to the input_request that a cell is waiting on.</summary>
internal sealed class StdinBroker(Outbox outbox, KernelLog log)
{
    private readonly Lock _gate = new();
    private (string RequestId, TaskCompletionSource<string> Reply)? _pending;

    /// <summary>Sends input_request and blocks the cell's thread until the reply (or cancellation).</summary>
    public string Request(JupyterMessage parent, string prompt, bool password, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_pending is not null)
            {
                throw new InvalidOperationException("Another input request is already waiting for an answer.");
            }

            var id = outbox.SendStdinRequest(parent, MessageTypes.InputRequest, new InputRequest { Prompt = prompt, Password = password }, ProtocolJson.Default.InputRequest);
            _pending = (id, reply);
        }

        try
        {
            using (cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)))
            {
                return reply.Task.GetAwaiter().GetResult();
            }
        }
        catch (TaskCanceledException e)
        {
            throw new OperationCanceledException("The input request was interrupted.", e, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }
    }

    /// <summary>Handles a message received on the stdin socket.</summary>
    public void OnMessage(JupyterMessage message)
    {
        if (message.MessageType != MessageTypes.InputReply)
        {
            log.Warn($"Ignoring {message.MessageType} on stdin: only input_reply is expected there.");
            return;
        }

        TaskCompletionSource<string>? reply;
        lock (_gate)
        {
            reply = _pending is { } p && (message.ParentHeader is null || message.ParentHeader.MessageId == p.RequestId) ? p.Reply : null;
        }

        if (reply is null)
        {
            log.Warn("Ignoring an input_reply that answers no pending input_request.");
            return;
        }

        try
        {
            reply.TrySetResult(message.ContentAs(ProtocolJson.Default.InputReply).Value);
        }
        catch (System.Text.Json.JsonException e)
        {
            log.Warn($"Ignoring a malformed input_reply: {e.Message}");
        }
    }
}
