using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Protocol.Tests.ApprovalTests;

/// <summary>The JSON of every message content, compared with approved files that use the Jupyter 5.4 spellings.</summary>
public sealed class ContentApprovalTests
{
    private static readonly Dictionary<string, Func<string>> Cases = new()
    {
        ["message_header"] = () => Approver.ToApprovalJson(
            new MessageHeader { MessageId = "6f1c", Session = "s-1", Username = "alice", Date = MessageHeader.FormatDate(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560)), MessageType = MessageTypes.ExecuteRequest },
            ProtocolJson.Default.MessageHeader),
        ["kernel_info_request"] = () => Approver.ToApprovalJson(new KernelInfoRequest(), ProtocolJson.Default.KernelInfoRequest),
        ["kernel_info_reply"] = () => Approver.ToApprovalJson(
            new KernelInfoReply
            {
                Implementation = "aistudio",
                ImplementationVersion = "1.0.0",
                LanguageInfo = new LanguageInfo
                {
                    Name = "C#",
                    Version = "14.0",
                    MimeType = "text/x-csharp",
                    FileExtension = ".cs",
                    PygmentsLexer = "csharp",
                    CodeMirrorMode = System.Text.Json.JsonSerializer.SerializeToElement("text/x-csharp", ProtocolJson.Default.String),
                    NbconvertExporter = "script",
                },
                Banner = "AI Studio C# kernel",
                HelpLinks = [new HelpLink { Text = "C# docs", Url = "https://learn.microsoft.com/dotnet/csharp/" }],
                SupportedFeatures = [],
            },
            ProtocolJson.Default.KernelInfoReply),
        ["execute_request"] = () => Approver.ToApprovalJson(
            new ExecuteRequest { Code = "Console.WriteLine(1);", UserExpressions = new() { ["x"] = "1+1" }, StopOnError = false },
            ProtocolJson.Default.ExecuteRequest),
        ["execute_reply.ok"] = () => Approver.ToApprovalJson(
            new ExecuteReply { Status = "ok", ExecutionCount = 3, UserExpressions = [], Payload = [] },
            ProtocolJson.Default.ExecuteReply),
        ["execute_reply.error"] = () => Approver.ToApprovalJson(
            new ExecuteReply { Status = "error", ExecutionCount = 4, ExceptionName = "DivideByZeroException", ExceptionValue = "Attempted to divide by zero.", Traceback = ["DivideByZeroException: Attempted to divide by zero.", "   at Submission#4"] },
            ProtocolJson.Default.ExecuteReply),
        ["execute_input"] = () => Approver.ToApprovalJson(new ExecuteInput { Code = "1+1", ExecutionCount = 5 }, ProtocolJson.Default.ExecuteInput),
        ["execute_result"] = () => Approver.ToApprovalJson(
            new ExecuteResult { ExecutionCount = 5, Data = Bundle(), Metadata = new() { ["text/html"] = Json("""{"isolated":true}""") } },
            ProtocolJson.Default.ExecuteResult),
        ["display_data"] = () => Approver.ToApprovalJson(
            new DisplayData { Data = Bundle(), Transient = new DisplayTransient { DisplayId = "d-1" } },
            ProtocolJson.Default.DisplayData),
        ["update_display_data"] = () => Approver.ToApprovalJson(
            new UpdateDisplayData { Data = Bundle(), Transient = new DisplayTransient { DisplayId = "d-1" } },
            ProtocolJson.Default.UpdateDisplayData),
        ["stream"] = () => Approver.ToApprovalJson(new StreamOutput { Name = "stdout", Text = "hello\n" }, ProtocolJson.Default.StreamOutput),
        ["error"] = () => Approver.ToApprovalJson(
            new ErrorOutput { ExceptionName = "CompilationError", ExceptionValue = "(1,1): error CS0103", Traceback = ["(1,1): error CS0103: The name 'x' does not exist in the current context"] },
            ProtocolJson.Default.ErrorOutput),
        ["status"] = () => Approver.ToApprovalJson(new KernelStatus { ExecutionState = "busy" }, ProtocolJson.Default.KernelStatus),
        ["clear_output"] = () => Approver.ToApprovalJson(new ClearOutput { Wait = true }, ProtocolJson.Default.ClearOutput),
        ["complete_request"] = () => Approver.ToApprovalJson(new CompleteRequest { Code = "Console.Wri", CursorPosition = 11 }, ProtocolJson.Default.CompleteRequest),
        ["complete_reply"] = () => Approver.ToApprovalJson(
            new CompleteReply { Matches = ["Write", "WriteLine"], CursorStart = 8, CursorEnd = 11, Metadata = new() { ["_jupyter_types_experimental"] = Json("""[{"text":"Write","type":"method"}]""") } },
            ProtocolJson.Default.CompleteReply),
        ["inspect_request"] = () => Approver.ToApprovalJson(new InspectRequest { Code = "Math.Max", CursorPosition = 8, DetailLevel = 1 }, ProtocolJson.Default.InspectRequest),
        ["inspect_reply"] = () => Approver.ToApprovalJson(
            new InspectReply { Found = true, Data = new() { ["text/plain"] = Json("\"int Math.Max(int, int)\"") } },
            ProtocolJson.Default.InspectReply),
        ["is_complete_request"] = () => Approver.ToApprovalJson(new IsCompleteRequest { Code = "if (x) {" }, ProtocolJson.Default.IsCompleteRequest),
        ["is_complete_reply"] = () => Approver.ToApprovalJson(new IsCompleteReply { Status = "incomplete", Indent = "    " }, ProtocolJson.Default.IsCompleteReply),
        ["history_request"] = () => Approver.ToApprovalJson(
            new HistoryRequest { Output = true, Raw = true, HistAccessType = "range", Session = 0, Start = 1, Stop = 3 },
            ProtocolJson.Default.HistoryRequest),
        ["history_reply"] = () => Approver.ToApprovalJson(
            new HistoryReply { History = [Json("""[0, 1, "var x = 1;"]"""), Json("""[0, 2, ["x", "1"]]""")] },
            ProtocolJson.Default.HistoryReply),
        ["comm_info_request"] = () => Approver.ToApprovalJson(new CommInfoRequest { TargetName = "jupyter.widget" }, ProtocolJson.Default.CommInfoRequest),
        ["comm_info_reply"] = () => Approver.ToApprovalJson(
            new CommInfoReply { Comms = new() { ["c-1"] = new CommInfo { TargetName = "jupyter.widget" } } },
            ProtocolJson.Default.CommInfoReply),
        ["comm_open"] = () => Approver.ToApprovalJson(
            new CommOpen { CommId = "c-1", TargetName = "jupyter.widget", Data = Json("""{"state":{"value":1}}"""), TargetModule = "widgets" },
            ProtocolJson.Default.CommOpen),
        ["comm_msg"] = () => Approver.ToApprovalJson(new CommMsg { CommId = "c-1", Data = Json("""{"method":"update"}""") }, ProtocolJson.Default.CommMsg),
        ["comm_close"] = () => Approver.ToApprovalJson(new CommClose { CommId = "c-1" }, ProtocolJson.Default.CommClose),
        ["input_request"] = () => Approver.ToApprovalJson(new InputRequest { Prompt = "Password: ", Password = true }, ProtocolJson.Default.InputRequest),
        ["input_reply"] = () => Approver.ToApprovalJson(new InputReply { Value = "hunter2" }, ProtocolJson.Default.InputReply),
        ["interrupt_request"] = () => Approver.ToApprovalJson(new InterruptRequest(), ProtocolJson.Default.InterruptRequest),
        ["interrupt_reply"] = () => Approver.ToApprovalJson(new InterruptReply(), ProtocolJson.Default.InterruptReply),
        ["shutdown_request"] = () => Approver.ToApprovalJson(new ShutdownRequest { Restart = true }, ProtocolJson.Default.ShutdownRequest),
        ["shutdown_reply"] = () => Approver.ToApprovalJson(new ShutdownReply { Restart = true }, ProtocolJson.Default.ShutdownReply),
        ["reply_error"] = () => Approver.ToApprovalJson(
            new ReplyError { ExceptionName = "NotSupportedException", ExceptionValue = "history is off", Traceback = ["NotSupportedException: history is off"] },
            ProtocolJson.Default.ReplyError),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Content_json_matches_its_approved_file(string name)
    {
        Approver.Verify(name, Cases[name]());
    }

    private static Dictionary<string, JsonElement> Bundle() => new()
    {
        ["text/plain"] = Json("\"42\""),
        ["text/html"] = Json("\"<b>42</b>\""),
        ["application/json"] = Json("""{"answer":42}"""),
    };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
