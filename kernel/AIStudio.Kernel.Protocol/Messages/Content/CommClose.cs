using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of comm_close.</summary>
public sealed record CommClose
{
    [JsonPropertyName("comm_id")]
    public required string CommId { get; init; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; set; } = JupyterMessage.Empty;
}
