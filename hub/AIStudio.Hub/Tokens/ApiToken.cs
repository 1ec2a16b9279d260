namespace AIStudio.Hub.Tokens;

/// <summary>
/// A personal API token. Only its SHA-256 hash is stored; <see cref="Prefix"/> (the first characters) lets people tell
/// tokens apart in lists, as JupyterHub shows them.
/// </summary>
public sealed class ApiToken
{
    public string Id { get; set; } = "t" + Guid.NewGuid().ToString("N")[..15];

    public required string UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token; unique.</summary>
    public required string Hash { get; set; }

    public required string Prefix { get; set; }

    public string Note { get; set; } = "";

    /// <summary>Space-separated scopes the token is limited to; empty means all of its owner's (JupyterHub's <c>inherit</c>).</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastActivity { get; set; }
}
