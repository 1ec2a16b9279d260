using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>One entry of help_links in kernel_info_reply.</summary>
public sealed record HelpLink
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
