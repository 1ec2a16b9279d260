using AIStudio.Hub.Organizations;

namespace AIStudio.Hub.Auth;

/// <summary>One of the caller's organizations and their role in it.</summary>
public sealed record CallerMembership(string OrganizationId, string Slug, OrganizationRole Role);
