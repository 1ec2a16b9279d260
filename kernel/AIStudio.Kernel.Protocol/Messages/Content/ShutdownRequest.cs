using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of shutdown_request on control.</summary>
public sealed record ShutdownRequest
{
    [JsonPropertyName("restart")]
    public bool Restart { get; init; }
}
