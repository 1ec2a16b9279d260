using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of is_complete_reply: complete, incomplete (with indent), invalid or unknown.</summary>
public sealed record IsCompleteReply
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("indent")]
    public string? Indent { get; init; }
}
