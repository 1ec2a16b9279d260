using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of status on iopub: starting, busy or idle.</summary>
public sealed record KernelStatus
{
    [JsonPropertyName("execution_state")]
    public required string ExecutionState { get; init; }
}
