using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of history_reply: [session, line, input] triples, or [session, line, [input, output]] when output was asked for.</summary>
public sealed record HistoryReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("history")]
    public IReadOnlyList<JsonElement> History { get; set; } = [];
}
