using System.Collections.Concurrent;
using System.Text.Json;
using AIStudio.Hub.Organizations;
using AIStudio.Kernel.Protocol.Messages;

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

    private readonly ConcurrentDictionary<string, UserModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _json = new(StringComparer.Ordinal);

    /// <summary>The JupyterHub-shaped model of a user, with their groups and organizations; made once per snapshot.</summary>
    public UserModel Model(SnapshotUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _models.GetOrAdd(user.Id, static (_, state) => state.Snapshot.NewModel(state.User), (Snapshot: this, User: user));
    }

    /// <summary>
    /// <see cref="Model"/> as UTF-8 JSON, serialized once per snapshot with the options of the first call (the hub passes
    /// its one set of HTTP JSON options): the users list is the hub's busiest read (dashboards poll it), and its models
    /// change only when the snapshot does.
    /// </summary>
    public byte[] Json(SnapshotUser user, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        return _json.GetOrAdd(user.Id, static (_, state) => JsonSerializer.SerializeToUtf8Bytes(state.Snapshot.Model(state.User), state.Options),
            (Snapshot: this, User: user, Options: options));
    }

    private UserModel NewModel(SnapshotUser user) => new(
        user.Name,
        user.IsAdmin,
        user.IsAdmin ? ["admin", "user"] : ["user"],
        GroupsOf.GetValueOrDefault(user.Id) ?? [],
        [.. (MembershipsOf.GetValueOrDefault(user.Id) ?? []).Select(m => new MembershipModel(m.Slug, m.Role.ToString().ToLowerInvariant(), m.OrganizationId == user.PrimaryOrganizationId))],
        MessageHeader.FormatDate(user.CreatedAt),
        user.LastActivity is { } active ? MessageHeader.FormatDate(active) : null);
}

/// <summary>A user in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotUser(string Id, string Name, bool IsAdmin, string PrimaryOrganizationId, DateTimeOffset CreatedAt, DateTimeOffset? LastActivity);

/// <summary>A membership in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotMembership(string UserId, string OrganizationId, string Slug, OrganizationRole Role);

/// <summary>A group place in a <see cref="Snapshot"/>.</summary>
public sealed record SnapshotGroup(string UserId, string Slug, string Name);
