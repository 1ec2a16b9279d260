using System.Text.Json;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Users;

/// <summary>
/// Finds users as the caller may see them: a user the caller may not read does not exist for them (404), one they may
/// read but not change answers 403 for the change.
/// </summary>
public sealed class UserDirectory(HubDbContext db, DirectorySnapshot directory)
{
    /// <summary>The user named, when the caller holds <paramref name="scope"/> on them; 404 when the caller cannot see them at all.</summary>
    public async Task<(HubUser User, ScopeTarget Target)> FindAsync(Caller caller, string name, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        name = UserNames.Normalize(name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, cancellationToken).ConfigureAwait(false);
        var target = user is null ? null : await TargetAsync(user, cancellationToken).ConfigureAwait(false);
        if (user is null || target is null || !CanSee(caller, target, scope))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such user: {name}");
        }

        caller.Require(scope, target);
        return (user, target);
    }

    /// <summary>The users the caller may read, by name, each as its model's UTF-8 JSON (from the <see cref="DirectorySnapshot"/>).</summary>
    public async Task<IReadOnlyList<byte[]>> ListJsonAsync(Caller caller, int offset, int limit, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var snapshot = await directory.GetAsync(db, cancellationToken).ConfigureAwait(false);
        IEnumerable<SnapshotUser> users = snapshot.Users;
        if (!caller.CanEverywhere(Scopes.ReadUsers))
        {
            var organizations = caller.OrganizationsAllowing(Scopes.ReadUsers).ToHashSet(StringComparer.Ordinal);
            var self = caller.Can(Scopes.ReadUsers, new ScopeTarget(caller.UserName, [])) ? caller.UserId : null;
            users = users.Where(u => u.Id == self
                || (snapshot.MembershipsOf.TryGetValue(u.Id, out var memberships) && memberships.Any(m => organizations.Contains(m.Slug))));
        }

        return [.. users.Skip(offset).Take(limit).Select(u => snapshot.Json(u, options))];
    }

    /// <summary>The scope target of a user: their name and their organizations.</summary>
    public async Task<ScopeTarget> TargetAsync(HubUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var slugs = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.Organization!.Slug)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ScopeTarget(user.UserName, slugs);
    }

    /// <summary>The JupyterHub-shaped model of a user, with their groups and organizations.</summary>
    public async Task<UserModel> ModelAsync(HubUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var snapshot = await directory.GetAsync(db, cancellationToken).ConfigureAwait(false);
        var known = snapshot.Users.FirstOrDefault(u => u.Id == user.Id);
        if (known is null)
        {
            // Made by another hub instance since the snapshot was loaded: read it again.
            directory.Invalidate();
            snapshot = await directory.GetAsync(db, cancellationToken).ConfigureAwait(false);
            known = snapshot.Users.FirstOrDefault(u => u.Id == user.Id)
                ?? new SnapshotUser(user.Id, user.UserName!, user.IsAdmin, user.PrimaryOrganizationId, user.CreatedAt, user.LastActivity);
        }

        return snapshot.Model(known);
    }

    /// <summary>The models of several users.</summary>
    public async Task<IReadOnlyList<UserModel>> ModelsAsync(IReadOnlyList<HubUser> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var models = new List<UserModel>(users.Count);
        foreach (var user in users)
        {
            models.Add(await ModelAsync(user, cancellationToken).ConfigureAwait(false));
        }

        return models;
    }

    private static bool CanSee(Caller caller, ScopeTarget target, string scope) =>
        caller.Can(Scopes.ReadUsers, target) || caller.Can(scope, target);
}
