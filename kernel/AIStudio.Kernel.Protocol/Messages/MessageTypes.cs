namespace AIStudio.Kernel.Protocol.Messages;

/// <summary>The msg_type names of Jupyter messaging 5.4.</summary>
public static class MessageTypes
{
    public const string KernelInfoRequest = "kernel_info_request";
    public const string KernelInfoReply = "kernel_info_reply";
    public const string ExecuteRequest = "execute_request";
    public const string ExecuteReply = "execute_reply";
    public const string ExecuteInput = "execute_input";
    public const string ExecuteResult = "execute_result";
    public const string Stream = "stream";
    public const string DisplayData = "display_data";
    public const string UpdateDisplayData = "update_display_data";
    public const string Error = "error";
    public const string Status = "status";
    public const string ClearOutput = "clear_output";
    public const string CompleteRequest = "complete_request";
    public const string CompleteReply = "complete_reply";
    public const string InspectRequest = "inspect_request";
    public const string InspectReply = "inspect_reply";
    public const string IsCompleteRequest = "is_complete_request";
    public const string IsCompleteReply = "is_complete_reply";
    public const string HistoryRequest = "history_request";
    public const string HistoryReply = "history_reply";
    public const string CommInfoRequest = "comm_info_request";
    public const string CommInfoReply = "comm_info_reply";
    public const string CommOpen = "comm_open";
    public const string CommMsg = "comm_msg";
    public const string CommClose = "comm_close";
    public const string InputRequest = "input_request";
    public const string InputReply = "input_reply";
    public const string InterruptRequest = "interrupt_request";
    public const string InterruptReply = "interrupt_reply";
    public const string ShutdownRequest = "shutdown_request";
    public const string ShutdownReply = "shutdown_reply";

    /// <summary>The reply type of a request type: "x_request" → "x_reply".</summary>
    public static string ReplyTo(string requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        return requestType.EndsWith("_request", StringComparison.Ordinal)
            ? string.Concat(requestType.AsSpan(0, requestType.Length - "_request".Length), "_reply")
            : requestType + "_reply";
    }
}
