namespace AIStudio.Hub.Auth;

/// <summary>What a scope is limited to: everything, one user, or the members and things of one organization.</summary>
public enum ScopeFilterKind
{
    None,
    User,
    Organization,
}
