using System.Text.Json.Serialization;
using AIStudio.Hub.Kernels;

namespace AIStudio.Hub.Sessions;

/// <summary>A session as jupyter_server's REST API shows it (with the legacy "notebook" member for notebooks).</summary>
public sealed record SessionModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("kernel")] KernelModel Kernel,
    [property: JsonPropertyName("notebook")] NotebookReference? Notebook);
