namespace AIStudio.Hub.Organizations;

/// <summary>A user in a group.</summary>
public sealed class GroupMember
{
    public required string GroupId { get; set; }

    public required string UserId { get; set; }
}
