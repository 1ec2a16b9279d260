using System.Text.Json.Serialization;

namespace AIStudio.Kernel.History;

/// <summary>One executed cell in the history: session number, line (execution count), input and text output.</summary>
internal sealed record HistoryEntry(
    [property: JsonPropertyName("session")] int Session,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string? Output);
