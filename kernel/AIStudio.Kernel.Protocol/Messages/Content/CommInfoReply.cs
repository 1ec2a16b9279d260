using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of comm_info_reply.</summary>
public sealed record CommInfoReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("comms")]
    public Dictionary<string, CommInfo> Comms { get; set; } = [];
}
