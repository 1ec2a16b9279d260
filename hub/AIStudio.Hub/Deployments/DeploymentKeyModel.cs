using System.Text.Json.Serialization;

namespace AIStudio.Hub.Deployments;

/// <summary>A deployment key in the management API's answers; <see cref="Key"/> only in the answer that created it.</summary>
public sealed record DeploymentKeyModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("last_used")] DateTimeOffset? LastUsed)
{
    [JsonPropertyName("key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    public static DeploymentKeyModel From(DeploymentKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new DeploymentKeyModel(key.Id, key.Prefix, key.Note, key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), key.CreatedAt, key.LastUsedAt);
    }
}
