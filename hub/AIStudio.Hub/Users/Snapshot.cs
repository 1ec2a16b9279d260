using AIStudio.Hub.Organizations;

namespace AIStudio.Hub.Users;

/// <summary>One loaded state of the directory (see <see cref="DirectorySnapshot"/>), indexed for lookups.</summary>
public sealed class Snapshot
{
    public Snapshot(long version, DateTimeOffset loadedAt, IReadOnlyList<SnapshotUser> users, IReadOnlyList<SnapshotMembership> memberships, IReadOnlyList<SnapshotGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(groups);
        Version = version;
        LoadedAt = loadedAt;
        Users = [.. users.OrderBy(u => u.Name, StringComparer.Ordinal)];
        MembershipsOf = memberships.GroupBy(m => m.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<SnapshotMembership>)[.. g.OrderBy(m => m.Slug, StringComparer.Ordinal)], StringComparer.Ordinal);
        GroupsOf = groups.GroupBy(g => g.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => $"{x.Slug}/{x.Name}").Order(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    public long Version { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>All users, by name.</summary>
    public IReadOnlyList<SnapshotUser> Users { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<SnapshotMembership>> MembershipsOf { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> GroupsOf { get; }
}

/// <summary>A user in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotUser(string Id, string Name, bool IsAdmin, string PrimaryOrganizationId, DateTimeOffset CreatedAt, DateTimeOffset? LastActivity);

/// <summary>A membership in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotMembership(string UserId, string OrganizationId, string Slug, OrganizationRole Role);

/// <summary>A group place in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotGroup(string UserId, string Slug, string Name);
