using System.Text.Json.Serialization;

namespace AIStudio.Hub.Users;

/// <summary>A user as JupyterHub's REST API shows one (<c>kind</c>, <c>name</c>, <c>admin</c>, <c>roles</c>, <c>groups</c>, …), with the organizations added.</summary>
public sealed record UserModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("admin")] bool Admin,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups,
    [property: JsonPropertyName("organizations")] IReadOnlyList<MembershipModel> Organizations,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("last_activity")] string? LastActivity)
{
    [JsonPropertyName("kind")]
    public string Kind => "user";

    /// <summary>JupyterHub's single-user server fields; the hub runs kernels, not servers, so these stay empty.</summary>
    [JsonPropertyName("server")]
    public string? Server => null;

    [JsonPropertyName("pending")]
    public string? Pending => null;

    [JsonPropertyName("servers")]
    public IReadOnlyDictionary<string, object> Servers { get; } = new Dictionary<string, object>();

    /// <summary>The scopes in effect, on <c>GET /hub/api/user</c> only (as JupyterHub).</summary>
    [JsonPropertyName("scopes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Scopes { get; init; }
}
