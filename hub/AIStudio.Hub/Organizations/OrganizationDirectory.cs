using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Organizations;

/// <summary>Finds organizations as the caller may see them (one they cannot read answers 404) and checks role changes.</summary>
public sealed class OrganizationDirectory(HubDbContext db)
{
    /// <summary>The organization, when the caller holds <paramref name="scope"/> on it; 404 when they cannot see it at all.</summary>
    public async Task<Organization> FindAsync(Caller caller, string slug, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken).ConfigureAwait(false);
        var target = ScopeTarget.Organization(slug);
        if (organization is null || !(caller.Can(Scopes.ReadOrgs, target) || caller.Can(scope, target)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such organization: {slug}");
        }

        caller.Require(scope, target);
        return organization;
    }

    /// <summary>The organizations the caller may read.</summary>
    public async Task<IReadOnlyList<Organization>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var query = db.Organizations.AsNoTracking();
        if (!caller.CanEverywhere(Scopes.ReadOrgs))
        {
            var slugs = caller.OrganizationsAllowing(Scopes.ReadOrgs).ToArray();
            query = query.Where(o => slugs.Contains(o.Slug));
        }

        return await query.OrderBy(o => o.Slug).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Owner and admin roles are given by those who administer the organization itself (<c>admin:orgs</c>); the others by its user admins.</summary>
    public void EnsureMayAssign(Caller caller, Organization organization, OrganizationRole role)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(organization);
        var scope = role is OrganizationRole.Owner or OrganizationRole.Admin ? Scopes.AdminOrgs : Scopes.AdminUsers;
        caller.Require(scope, ScopeTarget.Organization(organization.Slug));
    }

    public static OrganizationRole ParseRole(string role) =>
        Enum.TryParse<OrganizationRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _)
            ? parsed
            : throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown role '{role}': use owner, admin, instructor, student or member.");
}
