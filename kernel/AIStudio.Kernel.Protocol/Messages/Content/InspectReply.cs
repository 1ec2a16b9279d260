using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of inspect_reply.</summary>
public sealed record InspectReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("found")]
    public bool Found { get; init; }

    [JsonPropertyName("data")]
    public Dictionary<string, JsonElement> Data { get; set; } = [];

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];
}
