namespace AIStudio.Hub.Auth;

/// <summary>A user's rights as read from the database: what <see cref="CallerCache"/> keeps.</summary>
public sealed record CallerRecord(string UserId, string UserName, bool IsAdmin, string PrimaryOrganizationId, IReadOnlyList<CallerMembership> Memberships, ScopeSet OwnerScopes);
