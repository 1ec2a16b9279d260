namespace AIStudio.Hub.Auth;

/// <summary>One scope with its filter, e.g. <c>kernels!user=ada</c> or <c>read:users!org=school</c>.</summary>
public readonly record struct Scope(string Name, ScopeFilterKind Filter = ScopeFilterKind.None, string? Value = null)
{
    /// <summary>Parses <c>name</c>, <c>name!user=x</c> or <c>name!org=x</c>; false for anything else (unknown names included).</summary>
    public static bool TryParse(string text, out Scope scope)
    {
        scope = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var bang = text.IndexOf('!', StringComparison.Ordinal);
        var name = bang < 0 ? text : text[..bang];
        if (!Scopes.IsKnown(name))
        {
            return false;
        }

        if (bang < 0)
        {
            scope = new Scope(name);
            return true;
        }

        var filter = text[(bang + 1)..];
        var equals = filter.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == filter.Length - 1)
        {
            return false;
        }

        var kind = filter[..equals] switch
        {
            "user" => ScopeFilterKind.User,
            "org" => ScopeFilterKind.Organization,
            _ => (ScopeFilterKind?)null,
        };
        if (kind is null)
        {
            return false;
        }

        scope = new Scope(name, kind.Value, filter[(equals + 1)..]);
        return true;
    }

    /// <summary>True when this scope reaches the target (a user and the organizations they or it belong to).</summary>
    public bool Reaches(ScopeTarget target) => Filter switch
    {
        ScopeFilterKind.None => true,
        ScopeFilterKind.User => target.UserName is not null && string.Equals(target.UserName, Value, StringComparison.Ordinal),
        ScopeFilterKind.Organization => target.OrganizationSlugs.Contains(Value!, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>True when this scope is at least as wide as <paramref name="other"/> (used to check a token asks for no more than its owner has).</summary>
    public bool Covers(Scope other) =>
        Scopes.Implies(Name, other.Name)
        && (Filter == ScopeFilterKind.None || (Filter == other.Filter && string.Equals(Value, other.Value, StringComparison.Ordinal)));

    public override string ToString() => Filter switch
    {
        ScopeFilterKind.User => $"{Name}!user={Value}",
        ScopeFilterKind.Organization => $"{Name}!org={Value}",
        _ => Name,
    };
}
