using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>One comm in comm_info_reply.</summary>
public sealed record CommInfo
{
    [JsonPropertyName("target_name")]
    public required string TargetName { get; init; }
}
