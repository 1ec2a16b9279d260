using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of shutdown_reply.</summary>
public sealed record ShutdownReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("restart")]
    public bool Restart { get; init; }
}
