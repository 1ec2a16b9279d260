using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of input_reply on stdin.</summary>
public sealed record InputReply
{
    [JsonPropertyName("value")]
    public string Value { get; set; } = "";
}
