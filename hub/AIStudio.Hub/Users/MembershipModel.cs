using System.Text.Json.Serialization;

namespace AIStudio.Hub.Users;

/// <summary>A user's organization and role, in the user model.</summary>
public sealed record MembershipModel(
    [property: JsonPropertyName("org")] string Organization,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("primary")] bool Primary);
