using AIStudio.Hub.Organizations;

namespace AIStudio.Hub.Auth;

/// <summary>
/// What each role may do, as scopes. Every user has <c>self</c> on their own things; each membership adds its role's
/// scopes filtered to that organization; a hub administrator has every scope without a filter.
/// </summary>
public static class RoleScopes
{
    private static readonly string[] Administrator =
    [
        Scopes.AdminUsers, Scopes.Tokens, Scopes.AdminGroups, Scopes.AdminOrgs, Scopes.Kernels, Scopes.AccessKernels,
        Scopes.Contents, Scopes.ReadUsage, Scopes.ReadAudit, Scopes.Grades,
    ];

    private static readonly string[] SelfScopes =
    [
        Scopes.ReadUsers, Scopes.Tokens, Scopes.Kernels, Scopes.AccessKernels, Scopes.Contents, Scopes.ReadUsage,
    ];

    /// <summary>The scopes of a role in one organization (not yet filtered).</summary>
    public static IReadOnlyList<string> For(OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => [.. For(OrganizationRole.Admin), Scopes.AdminOrgs],
        OrganizationRole.Admin => [.. For(OrganizationRole.Instructor), Scopes.AdminUsers, Scopes.Tokens, Scopes.AdminGroups, Scopes.Kernels, Scopes.ReadAudit],
        OrganizationRole.Instructor => [.. For(OrganizationRole.Member), Scopes.ReadUsers, Scopes.Groups, Scopes.ReadKernels, Scopes.ReadUsage, Scopes.Grades],
        _ => [Scopes.ReadOrgs, Scopes.ReadGroups],
    };

    /// <summary>Everything a user may do: <c>self</c>, their roles in their organizations, and all of it for a hub administrator.</summary>
    public static ScopeSet Expand(string userName, bool isAdmin, IEnumerable<(string Slug, OrganizationRole Role)> memberships)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        var scopes = new List<Scope>();
        if (isAdmin)
        {
            scopes.AddRange(Administrator.Select(name => new Scope(name)));
        }

        scopes.AddRange(SelfScopes.Select(name => new Scope(name, ScopeFilterKind.User, userName)));
        foreach (var (slug, role) in memberships)
        {
            scopes.AddRange(For(role).Select(name => new Scope(name, ScopeFilterKind.Organization, slug)));
        }

        return new ScopeSet(scopes);
    }

    /// <summary>Expands <c>self</c> in a token's requested scopes to the owner's own scopes.</summary>
    public static IEnumerable<Scope> ExpandSelf(string scope, string userName) =>
        scope == Scopes.Self ? SelfScopes.Select(name => new Scope(name, ScopeFilterKind.User, userName)) : [];
}
