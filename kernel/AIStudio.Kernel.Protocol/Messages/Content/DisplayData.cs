using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of display_data on iopub.</summary>
public sealed record DisplayData
{
    [JsonPropertyName("data")]
    public required Dictionary<string, JsonElement> Data { get; init; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];

    [JsonPropertyName("transient")]
    public DisplayTransient? Transient { get; init; }
}
