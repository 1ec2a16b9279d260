namespace AIStudio.Hub.Organizations;

/// <summary>A user's place in an organization.</summary>
public sealed class Membership
{
    public required string OrganizationId { get; set; }

    public required string UserId { get; set; }

    public OrganizationRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public Organization? Organization { get; set; }
}
