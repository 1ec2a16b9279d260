using System.Text.Json.Serialization;

namespace AIStudio.Hub.Sessions;

/// <summary>The legacy <c>notebook</c> member of a session model.</summary>
public sealed record NotebookReference(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("name")] string Name);
