using AIStudio.Hub.Accounts;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Kernel.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Users;

/// <summary>
/// Finds users as the caller may see them: a user the caller may not read does not exist for them (404), one they may
/// read but not change answers 403 for the change.
/// </summary>
public sealed class UserDirectory(HubDbContext db)
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

    /// <summary>The users the caller may read, by name.</summary>
    public async Task<IReadOnlyList<HubUser>> ListAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var query = db.Users.AsNoTracking();
        if (!caller.CanEverywhere(Scopes.ReadUsers))
        {
            var organizations = caller.OrganizationsAllowing(Scopes.ReadUsers).ToArray();
            var self = caller.Can(Scopes.ReadUsers, new ScopeTarget(caller.UserName, [])) ? caller.UserId : null;
            query = query.Where(u => u.Id == self || db.Memberships.Any(m => m.UserId == u.Id && organizations.Contains(m.Organization!.Slug)));
        }

        return await query.OrderBy(u => u.UserName).Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The scope target of a user: their name and their organizations.</summary>
    public async Task<ScopeTarget> TargetAsync(HubUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var slugs = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.Organization!.Slug)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ScopeTarget(user.UserName, slugs);
    }

    /// <summary>The JupyterHub-shaped model of users, with their groups and organizations, in one query each.</summary>
    public async Task<IReadOnlyList<UserModel>> ModelsAsync(IReadOnlyList<HubUser> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var ids = users.Select(u => u.Id).ToArray();
        var memberships = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.OrganizationId, m.Organization!.Slug, m.Role }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.GroupMembers.AsNoTracking().Where(g => ids.Contains(g.UserId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Name, g.Organization!.Slug })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. users.Select(u => new UserModel(
                u.UserName!,
                u.IsAdmin,
                u.IsAdmin ? ["admin", "user"] : ["user"],
                [.. groups.Where(g => g.UserId == u.Id).Select(g => $"{g.Slug}/{g.Name}").Order(StringComparer.Ordinal)],
                [.. memberships.Where(m => m.UserId == u.Id).OrderBy(m => m.Slug, StringComparer.Ordinal)
                    .Select(m => new MembershipModel(m.Slug, m.Role.ToString().ToLowerInvariant(), m.OrganizationId == u.PrimaryOrganizationId))],
                MessageHeader.FormatDate(u.CreatedAt),
                u.LastActivity is { } active ? MessageHeader.FormatDate(active) : null)),
        ];
    }

    public async Task<UserModel> ModelAsync(HubUser user, CancellationToken cancellationToken) =>
        (await ModelsAsync([user], cancellationToken).ConfigureAwait(false))[0];

    private static bool CanSee(Caller caller, ScopeTarget target, string scope) =>
        caller.Can(Scopes.ReadUsers, target) || caller.Can(scope, target);
}
