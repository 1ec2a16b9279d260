using System.Collections.Frozen;

namespace AIStudio.Hub.Auth;

/// <summary>
/// The scopes, modelled on JupyterHub's RBAC: a name, optionally limited by a filter (<c>!user=NAME</c>,
/// <c>!org=SLUG</c>). A broader scope implies narrower ones (<c>admin:users</c> ⊃ <c>users</c> ⊃ <c>read:users</c>).
/// </summary>
public static class Scopes
{
    public const string AdminUsers = "admin:users";
    public const string Users = "users";
    public const string ReadUsers = "read:users";
    public const string Tokens = "tokens";
    public const string ReadTokens = "read:tokens";
    public const string AdminGroups = "admin:groups";
    public const string Groups = "groups";
    public const string ReadGroups = "read:groups";
    public const string AdminOrgs = "admin:orgs";
    public const string ReadOrgs = "read:orgs";
    public const string Kernels = "kernels";
    public const string ReadKernels = "read:kernels";
    public const string AccessKernels = "access:kernels";
    public const string Contents = "contents";
    public const string ReadContents = "read:contents";
    public const string ReadUsage = "read:usage";
    public const string ReadAudit = "read:audit";

    /// <summary>Read the course submissions and gradebook of the users in scope, and re-grade their submissions.</summary>
    public const string Grades = "grades";

    /// <summary>JupyterHub's metascope: everything a user may do to their own things (expanded per user).</summary>
    public const string Self = "self";

    /// <summary>Every scope name and what it implies directly.</summary>
    public static IReadOnlyDictionary<string, string[]> Implied { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [AdminUsers] = [Users],
        [Users] = [ReadUsers],
        [ReadUsers] = [],
        [Tokens] = [ReadTokens],
        [ReadTokens] = [],
        [AdminGroups] = [Groups],
        [Groups] = [ReadGroups],
        [ReadGroups] = [],
        [AdminOrgs] = [ReadOrgs],
        [ReadOrgs] = [],
        [Kernels] = [ReadKernels],
        [ReadKernels] = [],
        [AccessKernels] = [],
        [Contents] = [ReadContents],
        [ReadContents] = [],
        [ReadUsage] = [],
        [ReadAudit] = [],
        [Grades] = [],
    };

    /// <summary>True when holding <paramref name="held"/> gives <paramref name="wanted"/> (the same scope or one it implies).</summary>
    /// <remarks>Every scope's narrower ones, transitively, are computed once: this runs for every check of every request.</remarks>
    public static bool Implies(string held, string wanted) =>
        string.Equals(held, wanted, StringComparison.Ordinal) || (Narrower.TryGetValue(held, out var narrower) && narrower.Contains(wanted));

    /// <summary>Every scope name and all the scopes it implies, directly or through another.</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> Narrower = Implied.Keys.ToFrozenDictionary(
        name => name, name => Reachable(name).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static IEnumerable<string> Reachable(string name) =>
        Implied[name].SelectMany(narrower => Reachable(narrower).Prepend(narrower));

    public static bool IsKnown(string name) => name == Self || Implied.ContainsKey(name);
}
