using System.Text.Json.Serialization;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Tokens;

/// <summary>An API token as JupyterHub's REST API shows it; <c>token</c> only in the answer that created it.</summary>
public sealed record TokenModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("last_activity")] string? LastActivity,
    [property: JsonPropertyName("expires_at")] string? ExpiresAt,
    [property: JsonPropertyName("prefix")] string Prefix)
{
    [JsonPropertyName("kind")]
    public string Kind => "api_token";

    /// <summary>JupyterHub's roles field; scopes say everything here.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string> Roles { get; } = [];

    [JsonPropertyName("token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    public static TokenModel From(ApiToken token, string userName)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenModel(
            token.Id,
            userName,
            token.Note,
            token.Scopes.Length == 0 ? ["inherit"] : token.Scopes.Split(' '),
            MessageHeader.FormatDate(token.CreatedAt),
            token.LastActivity is { } last ? MessageHeader.FormatDate(last) : null,
            token.ExpiresAt is { } expires ? MessageHeader.FormatDate(expires) : null,
            token.Prefix);
    }
}
