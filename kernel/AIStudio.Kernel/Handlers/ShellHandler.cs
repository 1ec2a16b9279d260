using System.Text.Json;
using AIStudio.Kernel.Comms;
using AIStudio.Kernel.Engine;
using AIStudio.Kernel.History;
using AIStudio.Kernel.Hosting;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Text;
using AIStudio.Kernel.Scripting;

namespace AIStudio.Kernel.Handlers;

/// <summary>Answers shell requests, one at a time, on the shell thread.</summary>
internal sealed class ShellHandler(
    ICodeEngine engine,
    Outbox outbox,
    StdinBroker stdin,
    HistoryStore history,
    CommManager comms,
    KernelLog log)
{
    private readonly ExecutionCounter _counter = new();
    private IOPubSink? _lastSink;

    /// <summary>Handles one request; returns true when it was an execute that failed with stop_on_error set.</summary>
    public async Task<bool> HandleAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        switch (request.MessageType)
        {
            case MessageTypes.ExecuteRequest:
                return await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            case MessageTypes.KernelInfoRequest:
                outbox.Reply(ChannelKind.Shell, request, MessageTypes.KernelInfoReply, KernelInfoFactory.Create(), ProtocolJson.Default.KernelInfoReply);
                break;
            case MessageTypes.CompleteRequest:
                await CompleteAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case MessageTypes.InspectRequest:
                await InspectAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case MessageTypes.IsCompleteRequest:
                var check = engine.IsComplete(request.ContentAs(ProtocolJson.Default.IsCompleteRequest).Code);
                outbox.Reply(ChannelKind.Shell, request, MessageTypes.IsCompleteReply, new IsCompleteReply { Status = check.Status, Indent = check.Indent }, ProtocolJson.Default.IsCompleteReply);
                break;
            case MessageTypes.HistoryRequest:
                outbox.Reply(ChannelKind.Shell, request, MessageTypes.HistoryReply, HistoryReplies.Answer(history, request.ContentAs(ProtocolJson.Default.HistoryRequest)), ProtocolJson.Default.HistoryReply);
                break;
            case MessageTypes.CommInfoRequest:
                outbox.Reply(ChannelKind.Shell, request, MessageTypes.CommInfoReply, comms.Info(request.ContentAs(ProtocolJson.Default.CommInfoRequest).TargetName), ProtocolJson.Default.CommInfoReply);
                break;
            case MessageTypes.CommOpen:
                comms.OnOpen(request);
                break;
            case MessageTypes.CommMsg:
                comms.OnMessage(request);
                break;
            case MessageTypes.CommClose:
                comms.OnClose(request);
                break;
            default:
                log.Warn($"Unknown shell message type '{request.MessageType}' ignored.");
                break;
        }

        return false;
    }

    /// <summary>Answers an execute_request that is dropped because an earlier cell failed (stop_on_error).</summary>
    public void Abort(JupyterMessage request) =>
        outbox.Reply(ChannelKind.Shell, request, MessageTypes.ExecuteReply, new ExecuteReply { Status = "aborted", ExecutionCount = _counter.Current }, ProtocolJson.Default.ExecuteReply);

    private async Task<bool> ExecuteAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        var content = request.ContentAs(ProtocolJson.Default.ExecuteRequest);
        var silent = content.Silent;
        var store = !silent && content.StoreHistory;
        var count = store ? _counter.Next() : _counter.Current;
        if (!silent)
        {
            outbox.Publish(MessageTypes.ExecuteInput, new ExecuteInput { Code = content.Code, ExecutionCount = count }, ProtocolJson.Default.ExecuteInput, request.Header);
        }

        var sink = new IOPubSink(outbox, stdin, request, quiet: silent, allowStdin: content.AllowStdin);
        comms.CurrentParent = request.Header;
        var previous = _lastSink;
        _lastSink = sink;
        ExecutionScope.Current = sink;
        previous?.Dispose();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await engine.ExecuteAsync(content.Code, sink, cancellationToken).ConfigureAwait(false);
        sink.Flush();
        log.Debug($"execute [{count}] ran in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");

        if (outcome.Error is { } error)
        {
            if (store)
            {
                history.Add(count, content.Code, null);
            }

            sink.PublishError(new ErrorOutput { ExceptionName = error.Name, ExceptionValue = error.Value, Traceback = error.Traceback });
            outbox.Reply(ChannelKind.Shell, request, MessageTypes.ExecuteReply, new ExecuteReply
            {
                Status = "error",
                ExecutionCount = count,
                ExceptionName = error.Name,
                ExceptionValue = error.Value,
                Traceback = error.Traceback,
                UserExpressions = [],
                Payload = [],
            }, ProtocolJson.Default.ExecuteReply);
            return content.StopOnError && !error.IsInterrupt;
        }

        if (outcome.Result is { } result)
        {
            sink.PublishResult(count, result);
        }

        if (store)
        {
            history.Add(count, content.Code, outcome.Result?.Data.TryGetValue("text/plain", out var text) == true ? text.GetString() : null);
        }

        var expressions = await EvaluateUserExpressionsAsync(content.UserExpressions, cancellationToken).ConfigureAwait(false);
        ExecutionScope.Current = sink;
        outbox.Reply(ChannelKind.Shell, request, MessageTypes.ExecuteReply, new ExecuteReply
        {
            Status = "ok",
            ExecutionCount = count,
            UserExpressions = expressions,
            Payload = sink.Payloads,
        }, ProtocolJson.Default.ExecuteReply);
        return false;
    }

    private async Task<Dictionary<string, JsonElement>> EvaluateUserExpressionsAsync(Dictionary<string, string>? expressions, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (expressions is null || expressions.Count == 0)
        {
            return results;
        }

        foreach (var (name, expression) in expressions)
        {
            var quiet = new CapturingSink();
            var outcome = await engine.ExecuteAsync(expression, quiet, cancellationToken).ConfigureAwait(false);
            results[name] = UserExpressionResult.ToJson(outcome);
        }

        return results;
    }

    private async Task CompleteAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        var content = request.ContentAs(ProtocolJson.Default.CompleteRequest);
        var code = content.Code;
        var cursor = CodePoints.ToUtf16Index(code, content.CursorPosition);
        var result = await engine.CompleteAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        var start = CodePoints.ToCodePointOffset(code, result.Start);
        var end = CodePoints.ToCodePointOffset(code, result.End);
        var metadata = new Dictionary<string, JsonElement>
        {
            ["_jupyter_types_experimental"] = CompletionTypes.ToJson(result.Matches, start, end),
        };
        outbox.Reply(ChannelKind.Shell, request, MessageTypes.CompleteReply, new CompleteReply
        {
            Matches = result.Matches.Select(m => m.Text).ToList(),
            CursorStart = start,
            CursorEnd = end,
            Metadata = metadata,
        }, ProtocolJson.Default.CompleteReply);
    }

    private async Task InspectAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        var content = request.ContentAs(ProtocolJson.Default.InspectRequest);
        var cursor = CodePoints.ToUtf16Index(content.Code, content.CursorPosition);
        var found = await engine.InspectAsync(content.Code, cursor, content.DetailLevel, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (found.Found && found.Markdown is { } markdown)
        {
            data["text/plain"] = JsonSerializer.SerializeToElement(markdown, ProtocolJson.Default.String);
            data["text/markdown"] = JsonSerializer.SerializeToElement(markdown, ProtocolJson.Default.String);
        }

        outbox.Reply(ChannelKind.Shell, request, MessageTypes.InspectReply, new InspectReply { Found = found.Found, Data = data }, ProtocolJson.Default.InspectReply);
    }
}
