using System.Text.Json.Serialization;

namespace AIStudio.Hub.Auth;

/// <summary>The body of GET /api/me: who the caller is and what they may do.</summary>
public sealed record MeModel(
    [property: JsonPropertyName("identity")] IdentityModel Identity,
    [property: JsonPropertyName("permissions")] IReadOnlyDictionary<string, string[]> Permissions);
