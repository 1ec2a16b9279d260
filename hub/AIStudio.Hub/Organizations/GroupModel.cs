using System.Text.Json.Serialization;

namespace AIStudio.Hub.Organizations;

/// <summary>A group as JupyterHub's REST API shows one, with its organization.</summary>
public sealed record GroupModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("org")] string Organization,
    [property: JsonPropertyName("users")] IReadOnlyList<string> Users)
{
    [JsonPropertyName("kind")]
    public string Kind => "group";

    [JsonPropertyName("roles")]
    public IReadOnlyList<string> Roles { get; } = [];

    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>();
}
