using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>The transient part of display_data: fields that are not saved in notebooks.</summary>
public sealed record DisplayTransient
{
    [JsonPropertyName("display_id")]
    public string? DisplayId { get; init; }
}
