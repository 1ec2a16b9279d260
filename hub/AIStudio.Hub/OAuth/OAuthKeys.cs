using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// The authorization server's keys, kept in the data directory (0600) so tokens stay valid across restarts: an RSA key
/// that signs tokens and an AES key that encrypts the ones only the hub reads (codes, refresh tokens).
/// </summary>
public static class OAuthKeys
{
    /// <summary>The signing key's file name in the keys directory (PKCS#8 PEM).</summary>
    public const string SigningKeyFile = "oauth-signing.pem";

    public static RsaSecurityKey SigningKey(string keysDirectory)
    {
        var file = Path.Combine(keysDirectory, SigningKeyFile);
        var rsa = RSA.Create();
        if (File.Exists(file))
        {
            rsa.ImportFromPem(File.ReadAllText(file));
        }
        else
        {
            rsa.KeySize = 2048;
            Write(file, System.Text.Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()));
        }

        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
    }

    public static SymmetricSecurityKey EncryptionKey(string keysDirectory)
    {
        var file = Path.Combine(keysDirectory, "oauth-encryption.key");
        if (!File.Exists(file))
        {
            Write(file, RandomNumberGenerator.GetBytes(32));
        }

        return new SymmetricSecurityKey(File.ReadAllBytes(file));
    }

    private static void Write(string file, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        stream.Write(bytes);
    }
}
