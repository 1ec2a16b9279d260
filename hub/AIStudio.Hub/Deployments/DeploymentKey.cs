namespace AIStudio.Hub.Deployments;

/// <summary>
/// An API key of one deployment, sent as <c>Authorization: Bearer …</c> to its predict endpoints. Only the key's SHA-256
/// is stored (as for API tokens); <see cref="Prefix"/> tells keys apart in lists.
/// </summary>
public sealed class DeploymentKey
{
    public string Id { get; set; } = "k" + Guid.NewGuid().ToString("N")[..15];

    public required string DeploymentId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key; unique.</summary>
    public required string Hash { get; set; }

    public required string Prefix { get; set; }

    public string Note { get; set; } = "";

    /// <summary>Space-separated scopes (<see cref="DeploymentKeys.Predict"/>).</summary>
    public string Scopes { get; set; } = DeploymentKeys.Predict;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
