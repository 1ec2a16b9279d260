using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of interrupt_reply.</summary>
public sealed record InterruptReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";
}
