using System.Text.Json.Serialization;

namespace AIStudio.Hub.Auth;

/// <summary>The identity part of GET /api/me, as jupyter_server shapes it.</summary>
public sealed record IdentityModel(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("initials")] string Initials,
    [property: JsonPropertyName("avatar_url")] string? AvatarUrl,
    [property: JsonPropertyName("color")] string? Color);
