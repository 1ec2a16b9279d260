using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of execute_input on iopub: the code being run.</summary>
public sealed record ExecuteInput
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("execution_count")]
    public int ExecutionCount { get; init; }
}
