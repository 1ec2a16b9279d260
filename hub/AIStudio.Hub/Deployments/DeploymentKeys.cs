using System.Security.Cryptography;
using AIStudio.Hub.Tokens;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// How deployment keys look: <c>aisd_</c> and 40 random hex characters, kept only as their SHA-256 (<see cref="TokenHashing"/>).
/// The prefix lets the hub tell a deployment key from a personal API token without a database lookup.
/// </summary>
public static class DeploymentKeys
{
    public const string KeyPrefix = "aisd_";

    /// <summary>The scope that lets a key call the deployment's predict endpoints (the only scope there is for now).</summary>
    public const string Predict = "predict";

    public static IReadOnlyList<string> KnownScopes { get; } = [Predict];

    public static string NewKey() => KeyPrefix + RandomNumberGenerator.GetHexString(40, lowercase: true);

    public static bool IsKey(string? token) => token is not null && token.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>What lists show of a key: the <c>aisd_</c> prefix and its first characters.</summary>
    public static string Prefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= KeyPrefix.Length + 4 ? key : key[..(KeyPrefix.Length + 4)];
    }
}
