using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Organizations;

/// <summary>
/// JupyterHub's group routes under <c>/hub/api/groups</c>. Groups belong to an organization: <c>?org=SLUG</c> names it
/// (default: the caller's own organization); members must belong to that organization.
/// </summary>
public static class GroupEndpoints
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hub/api/groups", async (Caller caller, HubDbContext db, CancellationToken cancellationToken) =>
        {
            var query = db.Groups.AsNoTracking();
            if (!caller.CanEverywhere(Scopes.ReadGroups))
            {
                var slugs = caller.OrganizationsAllowing(Scopes.ReadGroups).ToArray();
                query = query.Where(g => slugs.Contains(g.Organization!.Slug));
            }

            var groups = await query.OrderBy(g => g.Organization!.Slug).ThenBy(g => g.Name).Select(g => new { g.Id, g.Name, g.Organization!.Slug }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = groups.Select(g => g.Id).ToArray();
            var members = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.UserName }).ToListAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(groups.Select(g => new GroupModel(g.Name, g.Slug, [.. members.Where(m => m.GroupId == g.Id).Select(m => m.UserName!).Order(StringComparer.Ordinal)])).ToArray());
        });

        routes.MapPost("/hub/api/groups/{name}", async (string name, string? org, HttpRequest request, Caller caller, OrganizationDirectory organizations, HubDbContext db,
            AuditLog audit, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var organization = await OrganizationAsync(caller, org, Scopes.AdminGroups, organizations, db, cancellationToken).ConfigureAwait(false);
            if (name.Length is 0 or > 100 || name.Contains('/', StringComparison.Ordinal))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "A group name has 1-100 characters and no '/'.");
            }

            if (await db.Groups.AnyAsync(g => g.OrganizationId == organization.Id && g.Name == name, cancellationToken).ConfigureAwait(false))
            {
                throw new HubApiException(StatusCodes.Status409Conflict, $"Group {name} already exists in {organization.Slug}.");
            }

            var group = new Group { OrganizationId = organization.Id, Name = name, CreatedAt = time.GetUtcNow() };
            db.Groups.Add(group);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var users = await MembersAsync(db, organization, body.GetStrings("users") ?? [], cancellationToken).ConfigureAwait(false);
            group.Members.AddRange(users.Select(u => new GroupMember { GroupId = group.Id, UserId = u.Id }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(caller.UserName, AuditActions.GroupChanged, $"{organization.Slug}/{name}", organization.Id, "created").ConfigureAwait(false);
            return Results.Json(new GroupModel(name, organization.Slug, [.. users.Select(u => u.Name).Order(StringComparer.Ordinal)]), statusCode: StatusCodes.Status201Created);
        });

        routes.MapGet("/hub/api/groups/{name}", async (string name, string? org, Caller caller, OrganizationDirectory organizations, HubDbContext db, CancellationToken cancellationToken) =>
        {
            var (organization, group) = await GroupAsync(caller, name, org, Scopes.ReadGroups, organizations, db, cancellationToken).ConfigureAwait(false);
            return Results.Json(await ModelAsync(db, organization, group, cancellationToken).ConfigureAwait(false));
        });

        routes.MapDelete("/hub/api/groups/{name}", async (string name, string? org, Caller caller, OrganizationDirectory organizations, HubDbContext db,
            AuditLog audit, CancellationToken cancellationToken) =>
        {
            var (organization, group) = await GroupAsync(caller, name, org, Scopes.AdminGroups, organizations, db, cancellationToken).ConfigureAwait(false);
            db.Groups.Remove(group);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(caller.UserName, AuditActions.GroupChanged, $"{organization.Slug}/{name}", organization.Id, "deleted").ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapPost("/hub/api/groups/{name}/users", (string name, string? org, HttpRequest request, Caller caller, OrganizationDirectory organizations,
            HubDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
            ChangeMembersAsync(add: true, name, org, request, caller, organizations, db, audit, cancellationToken));
        routes.MapDelete("/hub/api/groups/{name}/users", (string name, string? org, HttpRequest request, Caller caller, OrganizationDirectory organizations,
            HubDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
            ChangeMembersAsync(add: false, name, org, request, caller, organizations, db, audit, cancellationToken));

        return routes;
    }

    /// <summary>Adds (POST) or removes (DELETE) the users named in the body's <c>users</c> to or from a group.</summary>
    private static async Task<IResult> ChangeMembersAsync(bool add, string name, string? org, HttpRequest request, Caller caller,
        OrganizationDirectory organizations, HubDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var (organization, group) = await GroupAsync(caller, name, org, Scopes.Groups, organizations, db, cancellationToken).ConfigureAwait(false);
        var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var names = body.GetStrings("users") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "'users' (an array of names) is required.");
        var users = await MembersAsync(db, organization, names, cancellationToken).ConfigureAwait(false);
        var ids = users.Select(u => u.Id).ToArray();
        var present = await db.GroupMembers.Where(m => m.GroupId == group.Id && ids.Contains(m.UserId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (add)
        {
            db.GroupMembers.AddRange(users.Where(u => present.All(p => p.UserId != u.Id)).Select(u => new GroupMember { GroupId = group.Id, UserId = u.Id }));
        }
        else
        {
            db.GroupMembers.RemoveRange(present);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(caller.UserName, AuditActions.GroupChanged, $"{organization.Slug}/{name}", organization.Id,
            $"{(add ? "added" : "removed")} {string.Join(", ", users.Select(u => u.Name))}").ConfigureAwait(false);
        return Results.Json(await ModelAsync(db, organization, group, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Organization> OrganizationAsync(Caller caller, string? org, string scope, OrganizationDirectory organizations, HubDbContext db, CancellationToken cancellationToken)
    {
        var slug = org ?? await db.Organizations.Where(o => o.Id == caller.PrimaryOrganizationId).Select(o => o.Slug).FirstAsync(cancellationToken).ConfigureAwait(false);
        return await organizations.FindAsync(caller, slug, scope, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(Organization Organization, Group Group)> GroupAsync(Caller caller, string name, string? org, string scope,
        OrganizationDirectory organizations, HubDbContext db, CancellationToken cancellationToken)
    {
        // Someone who may not read the organization's groups learns nothing about them: 404, as for a group that does not exist.
        Organization organization;
        try
        {
            organization = await OrganizationAsync(caller, org, Scopes.ReadGroups, organizations, db, cancellationToken).ConfigureAwait(false);
        }
        catch (HubApiException e) when (e.StatusCode == StatusCodes.Status403Forbidden)
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such group: {name}");
        }

        var group = await db.Groups.FirstOrDefaultAsync(g => g.OrganizationId == organization.Id && g.Name == name, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such group: {name}");
        caller.Require(scope, ScopeTarget.Organization(organization.Slug));
        return (organization, group);
    }

    private static async Task<IReadOnlyList<(string Id, string Name)>> MembersAsync(HubDbContext db, Organization organization, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var normalized = names.Select(UserNames.Normalize).Distinct(StringComparer.Ordinal).ToArray();
        var found = await db.Memberships.Where(m => m.OrganizationId == organization.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.UserName })
            .Where(u => normalized.Contains(u.UserName!)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = normalized.Except(found.Select(u => u.UserName!), StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"Not members of {organization.Slug}: {string.Join(", ", missing)}.");
        }

        return [.. found.Select(u => (u.Id, u.UserName!))];
    }

    private static async Task<GroupModel> ModelAsync(HubDbContext db, Organization organization, Group group, CancellationToken cancellationToken)
    {
        var users = await db.GroupMembers.Where(m => m.GroupId == group.Id).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName!)
            .OrderBy(n => n).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new GroupModel(group.Name, organization.Slug, users);
    }
}
