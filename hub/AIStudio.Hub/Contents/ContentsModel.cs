using System.Text.Json.Serialization;

namespace AIStudio.Hub.Contents;

/// <summary>A file, notebook or directory as jupyter_server's contents API shows it.</summary>
public sealed record ContentsModel
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>"directory", "notebook" or "file".</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("writable")]
    public bool Writable { get; init; }

    [JsonPropertyName("created")]
    public required string Created { get; init; }

    [JsonPropertyName("last_modified")]
    public required string LastModified { get; init; }

    [JsonPropertyName("mimetype")]
    public string? MimeType { get; init; }

    /// <summary>The notebook (JSON), the text or base64 of a file, the entries of a directory; null when not asked for.</summary>
    [JsonPropertyName("content")]
    public object? Content { get; init; }

    /// <summary>"json", "text" or "base64"; null when there is no content.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>Bytes on disk; null for directories.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("hash")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Hash { get; init; }

    [JsonPropertyName("hash_algorithm")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HashAlgorithm { get; init; }
}
