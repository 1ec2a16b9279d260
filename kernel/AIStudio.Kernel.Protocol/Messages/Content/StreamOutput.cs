using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of stream on iopub (stdout or stderr).</summary>
public sealed record StreamOutput
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}
