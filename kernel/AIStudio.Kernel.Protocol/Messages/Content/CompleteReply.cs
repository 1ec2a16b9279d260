using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of complete_reply; cursor positions count Unicode code points.</summary>
public sealed record CompleteReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("matches")]
    public IReadOnlyList<string> Matches { get; set; } = [];

    [JsonPropertyName("cursor_start")]
    public int CursorStart { get; init; }

    [JsonPropertyName("cursor_end")]
    public int CursorEnd { get; init; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];
}
