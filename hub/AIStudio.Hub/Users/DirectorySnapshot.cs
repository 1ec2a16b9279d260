using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Users;

/// <summary>
/// Every user with their organizations and groups, in memory, for the read side of the users API — as JupyterHub keeps
/// its users in memory. Reloaded (three queries) after any change to users, organizations, memberships or groups made
/// through the database context (<see cref="DirectoryChangeInterceptor"/>): the next read waits for it, so a caller sees
/// their own change. It is also reloaded when it is a few seconds old, so that changes made by another hub instance on
/// the same database show up; that reload runs in the background while reads are answered from the snapshot they have,
/// so requests do not queue behind the database every few seconds.
/// </summary>
public sealed class DirectorySnapshot(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot? _current;
    private long _version;
    private int _refreshing;

    public void Dispose() => _reload.Dispose();

    /// <summary>Marks the snapshot stale (a write happened).</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<Snapshot> GetAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == Interlocked.Read(ref _version))
        {
            if (time.GetUtcNow() - current.LoadedAt >= MaxAge && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            {
                _ = Task.Run(RefreshAsync, CancellationToken.None);
            }

            return current;
        }

        return await ReloadAsync(db, force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The background reload of an aged snapshot; a failure leaves the old one, and a later read tries again.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await ReloadAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), force: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The database is unreachable for a moment: reads go on from the snapshot they have.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<Snapshot> ReloadAsync(HubDbContext db, bool force, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && current.Version == Interlocked.Read(ref _version) && (!force || time.GetUtcNow() - current.LoadedAt < MaxAge))
            {
                return current;
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
}
