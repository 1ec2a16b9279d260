using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of is_complete_request.</summary>
public sealed record IsCompleteRequest
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";
}
