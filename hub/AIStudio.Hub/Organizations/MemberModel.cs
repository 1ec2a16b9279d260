using System.Text.Json.Serialization;

namespace AIStudio.Hub.Organizations;

/// <summary>A member of an organization, in the API.</summary>
public sealed record MemberModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role);
