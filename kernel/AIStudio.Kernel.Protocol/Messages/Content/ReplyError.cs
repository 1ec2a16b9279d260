using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of any reply whose status is error.</summary>
public sealed record ReplyError
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "error";

    [JsonPropertyName("ename")]
    public required string ExceptionName { get; init; }

    [JsonPropertyName("evalue")]
    public required string ExceptionValue { get; init; }

    [JsonPropertyName("traceback")]
    public IReadOnlyList<string> Traceback { get; set; } = [];
}
