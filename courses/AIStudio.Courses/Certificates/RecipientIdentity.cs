using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Open Badges identity hashes: <c>sha256$</c> and the lower-case hex SHA-256 of the identity followed by the salt.
/// Emails are trimmed and lower-cased first, so the same address always hashes the same way.
/// </summary>
public static class RecipientIdentity
{
    /// <summary>The <c>IdentityHash</c> of <paramref name="email"/> with <paramref name="salt"/>.</summary>
    public static string HashEmail(string email, string salt)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(salt);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeEmail(email) + salt));
        return "sha256$" + Convert.ToHexStringLower(hash);
    }

    /// <summary>A fresh random salt: 16 bytes as hex.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="email"/> is the address in one of the credential subject's <c>emailAddress</c> identifiers (hashed or not).</summary>
    public static bool HasEmail(JsonObject credentialSubject, string email)
    {
        ArgumentNullException.ThrowIfNull(credentialSubject);
        ArgumentNullException.ThrowIfNull(email);
        if (credentialSubject["identifier"] is not JsonArray identifiers)
        {
            return false;
        }

        foreach (var identifier in identifiers.OfType<JsonObject>())
        {
            if (Text(identifier, "identityType") != "emailAddress" || Text(identifier, "identityHash") is not { } value)
            {
                continue;
            }

            var hashed = identifier["hashed"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            var matches = hashed
                ? CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashEmail(email, Text(identifier, "salt") ?? "")), Encoding.ASCII.GetBytes(value.ToLowerInvariant()))
                : string.Equals(NormalizeEmail(value), NormalizeEmail(email), StringComparison.Ordinal);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
