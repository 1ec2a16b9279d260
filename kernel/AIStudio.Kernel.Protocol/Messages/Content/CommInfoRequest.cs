using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of comm_info_request.</summary>
public sealed record CommInfoRequest
{
    [JsonPropertyName("target_name")]
    public string? TargetName { get; init; }
}
