using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of execute_reply: status ok, error (with ename, evalue, traceback) or aborted.</summary>
public sealed record ExecuteReply
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("execution_count")]
    public int ExecutionCount { get; init; }

    [JsonPropertyName("user_expressions")]
    public Dictionary<string, JsonElement>? UserExpressions { get; init; }

    [JsonPropertyName("payload")]
    public IReadOnlyList<JsonElement>? Payload { get; init; }

    [JsonPropertyName("ename")]
    public string? ExceptionName { get; init; }

    [JsonPropertyName("evalue")]
    public string? ExceptionValue { get; init; }

    [JsonPropertyName("traceback")]
    public IReadOnlyList<string>? Traceback { get; init; }
}
