using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary>The hub's error body: <c>{"message": ...}</c>.</summary>
internal sealed record HubMessage
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
