namespace AIStudio.Hub.Organizations;

/// <summary>A named set of an organization's members (a class, a team), as JupyterHub's groups.</summary>
public sealed class Group
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public required string OrganizationId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Organization? Organization { get; set; }

    public List<GroupMember> Members { get; } = [];
}
