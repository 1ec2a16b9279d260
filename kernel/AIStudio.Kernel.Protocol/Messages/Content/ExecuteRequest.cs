using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of execute_request.</summary>
public sealed record ExecuteRequest
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("silent")]
    public bool Silent { get; init; }

    [JsonPropertyName("store_history")]
    public bool StoreHistory { get; set; } = true;

    [JsonPropertyName("user_expressions")]
    public Dictionary<string, string>? UserExpressions { get; init; }

    [JsonPropertyName("allow_stdin")]
    public bool AllowStdin { get; set; } = true;

    [JsonPropertyName("stop_on_error")]
    public bool StopOnError { get; set; } = true;
}
