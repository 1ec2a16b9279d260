using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>
/// Everything one execute_request produced: its execute_reply and every iopub message whose parent is the request,
/// in arrival order, with typed views (streams concatenated per name, displays, the result, errors).
/// </summary>
public sealed class ExecutionResult
{
    private readonly Dictionary<string, StringBuilder> _streams = new(StringComparer.Ordinal);

    public ExecutionResult(JupyterMessage request, JupyterMessage reply, IReadOnlyList<JupyterMessage> iopub, IReadOnlyList<JupyterMessage> inputRequests, bool idleSeen)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(iopub);
        ArgumentNullException.ThrowIfNull(inputRequests);
        Request = request;
        Reply = reply;
        ReplyContent = reply.ContentAs(ProtocolJson.Default.ExecuteReply);
        IOPub = iopub;
        InputRequests = inputRequests;
        IdleSeen = idleSeen;

        var displays = new List<DisplayData>();
        var updates = new List<UpdateDisplayData>();
        var errors = new List<ErrorOutput>();
        var clears = new List<ClearOutput>();
        foreach (var message in iopub)
        {
            switch (message.MessageType)
            {
                case MessageTypes.Stream:
                    var stream = message.ContentAs(ProtocolJson.Default.StreamOutput);
                    StreamMessageCount++;
                    if (!_streams.TryGetValue(stream.Name, out var text))
                    {
                        _streams[stream.Name] = text = new StringBuilder();
                    }

                    text.Append(stream.Text);
                    break;
                case MessageTypes.DisplayData:
                    displays.Add(message.ContentAs(ProtocolJson.Default.DisplayData));
                    break;
                case MessageTypes.UpdateDisplayData:
                    updates.Add(message.ContentAs(ProtocolJson.Default.UpdateDisplayData));
                    break;
                case MessageTypes.ExecuteResult:
                    Result = message.ContentAs(ProtocolJson.Default.ExecuteResult);
                    break;
                case MessageTypes.Error:
                    errors.Add(message.ContentAs(ProtocolJson.Default.ErrorOutput));
                    break;
                case MessageTypes.ClearOutput:
                    clears.Add(message.ContentAs(ProtocolJson.Default.ClearOutput));
                    break;
                case MessageTypes.ExecuteInput:
                    Input = message.ContentAs(ProtocolJson.Default.ExecuteInput);
                    break;
                default:
                    break;
            }
        }

        Displays = displays;
        DisplayUpdates = updates;
        Errors = errors;
        ClearOutputs = clears;
    }

    public JupyterMessage Request { get; }

    public JupyterMessage Reply { get; }

    public ExecuteReply ReplyContent { get; }

    /// <summary>ok, error or aborted.</summary>
    public string Status => ReplyContent.Status;

    public int ExecutionCount => ReplyContent.ExecutionCount;

    /// <summary>Every iopub message whose parent is the request, in arrival order (status busy and idle included).</summary>
    public IReadOnlyList<JupyterMessage> IOPub { get; }

    /// <summary>The input_request messages the kernel sent on stdin for this request.</summary>
    public IReadOnlyList<JupyterMessage> InputRequests { get; }

    /// <summary>False when execute_reply came but status idle did not follow in time.</summary>
    public bool IdleSeen { get; }

    public ExecuteInput? Input { get; }

    public ExecuteResult? Result { get; }

    public IReadOnlyList<DisplayData> Displays { get; }

    public IReadOnlyList<UpdateDisplayData> DisplayUpdates { get; }

    public IReadOnlyList<ErrorOutput> Errors { get; }

    public IReadOnlyList<ClearOutput> ClearOutputs { get; }

    /// <summary>How many stream messages came (both names).</summary>
    public int StreamMessageCount { get; }

    /// <summary>The concatenated text of the stdout stream.</summary>
    public string Stdout => Stream("stdout");

    /// <summary>The concatenated text of the stderr stream.</summary>
    public string Stderr => Stream("stderr");

    /// <summary>The text/plain of the execute_result, or null when there was none.</summary>
    public string? ResultText => Result is not null && Result.Data.TryGetValue("text/plain", out var text) && text.ValueKind == JsonValueKind.String
        ? text.GetString()
        : null;

    /// <summary>The concatenated text of one stream ("stdout" or "stderr"); empty when it had none.</summary>
    public string Stream(string name) => _streams.TryGetValue(name, out var text) ? text.ToString() : "";

    /// <summary>The iopub messages of one msg_type.</summary>
    public IEnumerable<JupyterMessage> OfType(string messageType) => IOPub.Where(m => m.MessageType == messageType);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInvariant($"execute_reply {Status} [{ExecutionCount}]"));
        if (ReplyContent.ExceptionName is not null)
        {
            text.Append(CultureInvariant($" {ReplyContent.ExceptionName}: {ReplyContent.ExceptionValue}"));
        }

        foreach (var message in IOPub)
        {
            text.Append("\n  ").Append(message.MessageType).Append(' ').Append(Truncate(message.Content.GetRawText(), 300));
        }

        return text.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
