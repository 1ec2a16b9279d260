using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Organizations;

/// <summary>
/// An organization's members and their roles, as the REST API and the admin page change them: who may give which role,
/// an organization always keeps an owner, a personal organization has no other members, every change audited.
/// </summary>
public sealed class OrganizationMembers(HubDbContext db, OrganizationDirectory organizations, TokenValidator tokens, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<MemberModel>> ListAsync(Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var members = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == organization.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.UserName, m.Role })
            .OrderBy(m => m.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. members.Select(m => new MemberModel(m.UserName!, m.Role.ToString().ToLowerInvariant()))];
    }

    /// <summary>Adds <paramref name="name"/> with <paramref name="role"/>, or changes their role; <c>Created</c> tells which.</summary>
    public async Task<(MemberModel Member, bool Created)> SetRoleAsync(Caller caller, Organization organization, string name, OrganizationRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(organization);
        organizations.EnsureMayAssign(caller, organization, role);
        var userName = UserNames.Normalize(name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such user: {userName}");
        if (organization.IsPersonal)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"{organization.Slug} is a personal organization: create a shared one to add members.");
        }

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrganizationId == organization.Id && m.UserId == user.Id, cancellationToken).ConfigureAwait(false);
        var created = membership is null;
        if (membership is null)
        {
            membership = new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = role, JoinedAt = time.GetUtcNow() };
            db.Memberships.Add(membership);
        }
        else
        {
            if (membership.Role is OrganizationRole.Owner or OrganizationRole.Admin)
            {
                organizations.EnsureMayAssign(caller, organization, membership.Role);
            }

            await EnsureOwnerRemainsAsync(organization, membership, role, cancellationToken).ConfigureAwait(false);
            membership.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        tokens.EvictUser(user.Id);
        await audit.RecordAsync(caller.UserName, AuditActions.RoleChanged, userName, organization.Id, $"{role.ToString().ToLowerInvariant()} in {organization.Slug}").ConfigureAwait(false);
        return (new MemberModel(userName, role.ToString().ToLowerInvariant()), created);
    }

    /// <summary>Removes <paramref name="name"/> from the organization and its groups.</summary>
    public async Task RemoveAsync(Caller caller, Organization organization, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(organization);
        var userName = UserNames.Normalize(name);
        var membership = await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Membership = m, u.UserName, u.PrimaryOrganizationId })
            .FirstOrDefaultAsync(x => x.Membership.OrganizationId == organization.Id && x.UserName == userName, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"{userName} is not a member of {organization.Slug}.");
        if (membership.Membership.Role is OrganizationRole.Owner or OrganizationRole.Admin)
        {
            organizations.EnsureMayAssign(caller, organization, membership.Membership.Role);
        }

        if (membership.PrimaryOrganizationId == organization.Id)
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"{organization.Slug} is {userName}'s own organization (their plan and files count against it): delete the user instead.");
        }

        await EnsureOwnerRemainsAsync(organization, membership.Membership, OrganizationRole.Member, cancellationToken).ConfigureAwait(false);
        db.Memberships.Remove(membership.Membership);
        await db.GroupMembers.Where(g => g.UserId == membership.Membership.UserId && db.Groups.Any(x => x.Id == g.GroupId && x.OrganizationId == organization.Id))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        tokens.EvictUser(membership.Membership.UserId);
        await audit.RecordAsync(caller.UserName, AuditActions.MemberRemoved, userName, organization.Id, organization.Slug).ConfigureAwait(false);
    }

    /// <summary>An organization keeps at least one owner.</summary>
    private async Task EnsureOwnerRemainsAsync(Organization organization, Membership membership, OrganizationRole newRole, CancellationToken cancellationToken)
    {
        if (membership.Role != OrganizationRole.Owner || newRole == OrganizationRole.Owner)
        {
            return;
        }

        var owners = await db.Memberships.CountAsync(m => m.OrganizationId == organization.Id && m.Role == OrganizationRole.Owner, cancellationToken).ConfigureAwait(false);
        if (owners <= 1)
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"{organization.Slug} would have no owner left: make someone else owner first.");
        }
    }
}
