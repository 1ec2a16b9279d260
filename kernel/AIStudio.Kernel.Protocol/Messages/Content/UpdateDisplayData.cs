using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of update_display_data on iopub: new data for an earlier display with the same display_id.</summary>
public sealed record UpdateDisplayData
{
    [JsonPropertyName("data")]
    public required Dictionary<string, JsonElement> Data { get; init; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];

    [JsonPropertyName("transient")]
    public required DisplayTransient Transient { get; init; }
}
