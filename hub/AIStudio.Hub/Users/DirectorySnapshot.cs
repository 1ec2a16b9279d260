using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Users;

/// <summary>
/// Every user with their organizations and groups, in memory, for the read side of the users API — as JupyterHub keeps
/// its users in memory. Reloaded (three queries) after any change to users, organizations, memberships or groups made
/// through the database context (<see cref="DirectoryChangeInterceptor"/>), and at least every few seconds so that
/// changes made by another hub instance on the same database show up.
/// </summary>
public sealed class DirectorySnapshot(TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot? _current;
    private long _version;

    public void Dispose() => _reload.Dispose();

    /// <summary>Marks the snapshot stale (a write happened).</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<Snapshot> GetAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = Volatile.Read(ref _current);
        if (IsFresh(current))
        {
            return current!;
        }

        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _current);
            if (IsFresh(current))
            {
                return current!;
            }

            var version = Interlocked.Read(ref _version);
            var users = await db.Users.AsNoTracking()
                .Select(u => new SnapshotUser(u.Id, u.UserName!, u.IsAdmin, u.PrimaryOrganizationId, u.CreatedAt, u.LastActivity))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var memberships = await db.Memberships.AsNoTracking()
                .Select(m => new SnapshotMembership(m.UserId, m.OrganizationId, m.Organization!.Slug, m.Role))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var groups = await db.GroupMembers.AsNoTracking()
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new SnapshotGroup(m.UserId, g.Organization!.Slug, g.Name))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            current = new Snapshot(version, time.GetUtcNow(), users, memberships, groups);
            Volatile.Write(ref _current, current);
            return current;
        }
        finally
        {
            _reload.Release();
        }
    }

    private bool IsFresh(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Version == Interlocked.Read(ref _version) && time.GetUtcNow() - snapshot.LoadedAt < MaxAge;
}
