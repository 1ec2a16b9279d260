using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of clear_output on iopub.</summary>
public sealed record ClearOutput
{
    [JsonPropertyName("wait")]
    public bool Wait { get; init; }
}
