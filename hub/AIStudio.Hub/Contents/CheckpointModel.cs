using System.Text.Json.Serialization;

namespace AIStudio.Hub.Contents;

/// <summary>A checkpoint of a file, as jupyter_server shows it.</summary>
public sealed record CheckpointModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("last_modified")] string LastModified);
