using System.Text.Json.Serialization;

namespace AIStudio.Hub.Status;

/// <summary>The body of GET /api/status.</summary>
public sealed record StatusModel(
    [property: JsonPropertyName("started")] string Started,
    [property: JsonPropertyName("last_activity")] string LastActivity,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("kernels")] int Kernels);
