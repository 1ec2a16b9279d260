namespace AIStudio.Hub.Deployments;

/// <summary>What the predict endpoints need of a deployment, cached by <see cref="DeploymentCatalog"/>: its versions with their split, schema and model file, and the plan's rate limit.</summary>
public sealed record ServedDeployment(
    string Id,
    string OwnerId,
    string OwnerName,
    string Name,
    IReadOnlyList<ServedVersion> Versions,
    int? RequestsPerMinute,
    DateTimeOffset LoadedAt)
{
    /// <summary>The versions that take traffic, with their shares.</summary>
    public IReadOnlyList<(int Version, int Percent)> Split { get; } = [.. Versions.Where(v => v.TrafficPercent > 0).Select(v => (v.Number, v.TrafficPercent))];

    public ServedVersion? Version(int number)
    {
        // A loop, not LINQ: every prediction looks its version up.
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Number == number)
            {
                return Versions[i];
            }
        }

        return null;
    }
}
