using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// The authorization server's keys, kept in the data directory (0600) so tokens stay valid across restarts: an ECDSA P-256
/// key that signs tokens (ES256) and an AES key that encrypts the ones only the hub reads (codes, refresh tokens).
/// </summary>
public static class OAuthKeys
{
    /// <summary>The signing key's file name in the keys directory (PKCS#8 PEM).</summary>
    public const string SigningKeyFile = "oauth-signing.pem";

    /// <summary>
    /// The signing key from its file, or a new P-256 key written there. A P-256 key is made in well under a millisecond,
    /// where the 2,048-bit RSA key that hubs made before took 0.1–0.4 s of a first start; such an RSA key file is still
    /// read and used (RS256), so that tokens it signed stay valid.
    /// </summary>
    public static AsymmetricSecurityKey SigningKey(string keysDirectory)
    {
        var file = Path.Combine(keysDirectory, SigningKeyFile);
        if (File.Exists(file))
        {
            return Read(File.ReadAllText(file));
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Write(file, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        return new ECDsaSecurityKey(key) { KeyId = KeyId(key) };
    }

    /// <summary>The algorithm tokens are signed with under this key: ES256, or RS256 for an RSA key.</summary>
    public static string SigningAlgorithm(AsymmetricSecurityKey key) =>
        key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256;

    private static AsymmetricSecurityKey Read(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec) { KeyId = KeyId(ec) };
        }
        catch (CryptographicException)
        {
            ec.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = KeyId(rsa) };
    }

    private static string KeyId(AsymmetricAlgorithm key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

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
