namespace AIStudio.Hub.Deployments;

/// <summary>
/// A user's deployment: a named, versioned prediction endpoint (<c>/deployments/{owner}/{name}/predict</c>). Its versions
/// (<see cref="DeploymentVersion"/>) hold the models and the traffic split; its keys (<see cref="DeploymentKey"/>) who may call it.
/// </summary>
public sealed class Deployment
{
    public string Id { get; set; } = "d" + Guid.NewGuid().ToString("N")[..15];

    /// <summary>The owner (a hub user); their deployments' names are unique among their own.</summary>
    public required string OwnerId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The traffic split before the last change (JSON, version → percent), which a rollback returns to; null before any change.</summary>
    public string? PreviousTraffic { get; set; }
}
