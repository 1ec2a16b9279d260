using System.Security.Cryptography;
using AIStudio.Hub.OAuth;
using AIStudio.TestKit;
using Microsoft.IdentityModel.Tokens;

namespace AIStudio.Hub.Tests;

/// <summary>The OAuth signing key: a P-256 key made once and kept (0600); an RSA key file from an earlier hub still used.</summary>
public sealed class OAuthKeysTests
{
    [Fact]
    public void A_first_start_makes_a_P256_key_that_later_starts_read_back()
    {
        using var work = new TempDirectory();
        var made = Assert.IsType<ECDsaSecurityKey>(OAuthKeys.SigningKey(work.Path));
        Assert.Equal(256, made.ECDsa.KeySize);
        Assert.Equal(SecurityAlgorithms.EcdsaSha256, OAuthKeys.SigningAlgorithm(made));
        var file = Path.Combine(work.Path, OAuthKeys.SigningKeyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var read = Assert.IsType<ECDsaSecurityKey>(OAuthKeys.SigningKey(work.Path));
        Assert.Equal(made.KeyId, read.KeyId);
        var data = "signed"u8.ToArray();
        Assert.True(read.ECDsa.VerifyData(data, made.ECDsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void An_RSA_key_file_an_earlier_hub_made_is_still_used_with_RS256()
    {
        using var work = new TempDirectory();
        using var rsa = RSA.Create(2048);
        File.WriteAllText(Path.Combine(work.Path, OAuthKeys.SigningKeyFile), rsa.ExportPkcs8PrivateKeyPem());
        var read = Assert.IsType<RsaSecurityKey>(OAuthKeys.SigningKey(work.Path));
        Assert.Equal(SecurityAlgorithms.RsaSha256, OAuthKeys.SigningAlgorithm(read));
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), read.Rsa.ExportSubjectPublicKeyInfo());
    }
}
