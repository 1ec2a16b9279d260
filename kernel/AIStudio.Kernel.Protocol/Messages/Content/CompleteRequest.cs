using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of complete_request; cursor_pos counts Unicode code points.</summary>
public sealed record CompleteRequest
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("cursor_pos")]
    public int CursorPosition { get; init; }
}
