using System.Security.Cryptography;
using System.Text;

namespace AIStudio.Hub.Tokens;

/// <summary>How API tokens are made and stored: 40 random hex characters, kept only as their SHA-256.</summary>
public static class TokenHashing
{
    public const int PrefixLength = 4;

    public static string NewToken() => RandomNumberGenerator.GetHexString(40, lowercase: true);

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public static string Prefix(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length <= PrefixLength ? token : token[..PrefixLength];
    }
}
