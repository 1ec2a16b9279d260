using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of execute_request.</summary>
public sealed record ExecuteRequest
{
    [JsonPropertyName("code")]
    public string Code { get; init; } = "";

    [JsonPropertyName("silent")]
    public bool Silent { get; init; }

    [JsonPropertyName("store_history")]
    public bool StoreHistory { get; init; } = true;

    [JsonPropertyName("user_expressions")]
    public Dictionary<string, string>? UserExpressions { get; init; }

    [JsonPropertyName("allow_stdin")]
    public bool AllowStdin { get; init; } = true;

    [JsonPropertyName("stop_on_error")]
    public bool StopOnError { get; init; } = true;
}
