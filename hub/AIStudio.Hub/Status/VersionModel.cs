using System.Text.Json.Serialization;

namespace AIStudio.Hub.Status;

/// <summary>The body of GET /api: the server version.</summary>
public sealed record VersionModel([property: JsonPropertyName("version")] string Version);
