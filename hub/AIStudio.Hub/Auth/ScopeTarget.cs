namespace AIStudio.Hub.Auth;

/// <summary>What an action is done to, as scope filters see it: a user (by name) and the organizations concerned (by slug).</summary>
public sealed record ScopeTarget(string? UserName, IReadOnlyCollection<string> OrganizationSlugs)
{
    public static ScopeTarget Organization(string slug) => new(null, [slug]);
}
