using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of history_request: tail, range or search.</summary>
public sealed record HistoryRequest
{
    [JsonPropertyName("output")]
    public bool Output { get; init; }

    [JsonPropertyName("raw")]
    public bool Raw { get; set; } = true;

    [JsonPropertyName("hist_access_type")]
    public string HistAccessType { get; set; } = "tail";

    [JsonPropertyName("session")]
    public int Session { get; init; }

    [JsonPropertyName("start")]
    public int Start { get; init; }

    [JsonPropertyName("stop")]
    public int? Stop { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("pattern")]
    public string? Pattern { get; init; }

    [JsonPropertyName("unique")]
    public bool Unique { get; init; }
}
