namespace AIStudio.Hub.Auth;

/// <summary>A set of scopes with filters; answers whether an action on a target is allowed.</summary>
public sealed class ScopeSet
{
    private readonly Scope[] _scopes;

    public ScopeSet(IEnumerable<Scope> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scopes = [.. scopes.Distinct()];
    }

    public IReadOnlyList<Scope> Items => _scopes;

    public bool Allows(string scope, ScopeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var held in _scopes)
        {
            if (Scopes.Implies(held.Name, scope) && held.Reaches(target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some scope allows <paramref name="scope"/> on everything (no filter).</summary>
    public bool AllowsEverywhere(string scope) => _scopes.Any(s => s.Filter == ScopeFilterKind.None && Scopes.Implies(s.Name, scope));

    /// <summary>The organizations (slugs) on which <paramref name="scope"/> is allowed through an organization filter.</summary>
    public IEnumerable<string> OrganizationsAllowing(string scope) =>
        _scopes.Where(s => s.Filter == ScopeFilterKind.Organization && Scopes.Implies(s.Name, scope)).Select(s => s.Value!).Distinct(StringComparer.Ordinal);

    public bool Covers(Scope wanted) => _scopes.Any(s => s.Covers(wanted));

    public IEnumerable<string> Names() => _scopes.Select(s => s.ToString()).Order(StringComparer.Ordinal);
}
