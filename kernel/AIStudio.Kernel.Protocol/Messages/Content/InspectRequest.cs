using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of inspect_request.</summary>
public sealed record InspectRequest
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("cursor_pos")]
    public int CursorPosition { get; init; }

    [JsonPropertyName("detail_level")]
    public int DetailLevel { get; init; }
}
