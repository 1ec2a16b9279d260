using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of execute_result on iopub.</summary>
public sealed record ExecuteResult
{
    [JsonPropertyName("execution_count")]
    public int ExecutionCount { get; init; }

    [JsonPropertyName("data")]
    public required Dictionary<string, JsonElement> Data { get; init; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];
}
