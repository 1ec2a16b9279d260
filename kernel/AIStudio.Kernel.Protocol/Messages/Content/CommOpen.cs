using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of comm_open.</summary>
public sealed record CommOpen
{
    [JsonPropertyName("comm_id")]
    public required string CommId { get; init; }

    [JsonPropertyName("target_name")]
    public required string TargetName { get; init; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; set; } = JupyterMessage.Empty;

    [JsonPropertyName("target_module")]
    public string? TargetModule { get; init; }
}
