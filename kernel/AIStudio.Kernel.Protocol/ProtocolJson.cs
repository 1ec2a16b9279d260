using System.Text.Json;
using System.Text.Json.Serialization;
using AIStudio.Kernel.Protocol.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Protocol;

/// <summary>
/// Source-generated JSON metadata for every wire type: no reflection at start-up, and the same
/// spellings everywhere (null members are left out, as Jupyter's own implementations do).
/// </summary>
/// <remarks>
/// Wire properties with a default value use <c>set</c>, not <c>init</c>: the source generator sets every init-only
/// property in an object initializer, so a member missing from the JSON would get default(T) instead of its declared
/// default (dotnet/runtime#84484) — e.g. an execute_request without store_history would not store history.
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MessageHeader))]
[JsonSerializable(typeof(ConnectionInfo))]
[JsonSerializable(typeof(KernelInfoRequest))]
[JsonSerializable(typeof(KernelInfoReply))]
[JsonSerializable(typeof(ExecuteRequest))]
[JsonSerializable(typeof(ExecuteReply))]
[JsonSerializable(typeof(ExecuteInput))]
[JsonSerializable(typeof(ExecuteResult))]
[JsonSerializable(typeof(DisplayData))]
[JsonSerializable(typeof(UpdateDisplayData))]
[JsonSerializable(typeof(StreamOutput))]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(KernelStatus))]
[JsonSerializable(typeof(ClearOutput))]
[JsonSerializable(typeof(CompleteRequest))]
[JsonSerializable(typeof(CompleteReply))]
[JsonSerializable(typeof(InspectRequest))]
[JsonSerializable(typeof(InspectReply))]
[JsonSerializable(typeof(IsCompleteRequest))]
[JsonSerializable(typeof(IsCompleteReply))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(HistoryReply))]
[JsonSerializable(typeof(CommInfoRequest))]
[JsonSerializable(typeof(CommInfoReply))]
[JsonSerializable(typeof(CommOpen))]
[JsonSerializable(typeof(CommMsg))]
[JsonSerializable(typeof(CommClose))]
[JsonSerializable(typeof(InputRequest))]
[JsonSerializable(typeof(InputReply))]
[JsonSerializable(typeof(InterruptRequest))]
[JsonSerializable(typeof(InterruptReply))]
[JsonSerializable(typeof(ShutdownRequest))]
[JsonSerializable(typeof(ShutdownReply))]
[JsonSerializable(typeof(ReplyError))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class ProtocolJson : JsonSerializerContext;
