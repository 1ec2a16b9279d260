using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of error on iopub.</summary>
public sealed record ErrorOutput
{
    [JsonPropertyName("ename")]
    public required string ExceptionName { get; init; }

    [JsonPropertyName("evalue")]
    public required string ExceptionValue { get; init; }

    [JsonPropertyName("traceback")]
    public IReadOnlyList<string> Traceback { get; set; } = [];
}
