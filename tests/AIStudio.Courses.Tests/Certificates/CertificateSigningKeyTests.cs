using System.Text;
using AIStudio.Courses.Certificates;
using AIStudio.TestKit;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>Signing keys: generated, saved atomically and privately, loaded back the same, exported public only.</summary>
public sealed class CertificateSigningKeyTests
{
    [Theory]
    [InlineData(CertificateKeyAlgorithm.RS256)]
    [InlineData(CertificateKeyAlgorithm.ES256)]
    public async Task A_saved_key_loads_back_as_the_same_key_from_a_file_only_its_owner_can_read(CertificateKeyAlgorithm algorithm)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("keys", "issuer.pem");
        var key = algorithm == CertificateKeyAlgorithm.RS256 ? CertificateFixtures.RsaKey : CertificateFixtures.EcKey;

        await key.SaveAsync(path);
        using var loaded = await CertificateSigningKey.LoadAsync(path);

        Assert.Equal(algorithm, loaded.Algorithm);
        Assert.Equal(key.Thumbprint, loaded.Thumbprint);
        var data = Encoding.ASCII.GetBytes("header.payload");
        Assert.True(key.PublicKey.Verify(algorithm, data, loaded.Sign(data)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal(["issuer.pem"], Directory.GetFiles(directory.Combine("keys")).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Saving_over_a_key_replaces_it_and_keeps_the_mode()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("issuer.pem");
        await File.WriteAllTextAsync(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await CertificateFixtures.EcKey.SaveAsync(path);

        using var loaded = await CertificateSigningKey.LoadAsync(path);
        Assert.Equal(CertificateFixtures.EcKey.Thumbprint, loaded.Thumbprint);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void The_public_JWK_has_no_private_member_and_reads_back_to_the_same_thumbprint()
    {
        foreach (var key in new[] { CertificateFixtures.RsaKey, CertificateFixtures.EcKey })
        {
            var jwk = key.PublicKey.WithKeyId("k1").ToJwk();
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi" })
            {
                Assert.False(jwk.ContainsKey(secret), secret);
            }

            Assert.Equal("sig", (string)jwk["use"]!);
            Assert.Equal(key.Algorithm.ToString(), (string)jwk["alg"]!);
            var read = CertificatePublicKey.FromJwk(jwk);
            Assert.Equal(key.Thumbprint, read.Thumbprint);
            Assert.Equal("k1", read.KeyId);
        }

        Assert.NotEqual(CertificateFixtures.RsaKey.Thumbprint, CertificateFixtures.OtherRsaKey.Thumbprint);
        Assert.Equal(43, CertificateFixtures.RsaKey.Thumbprint.Length);
    }

    [Fact]
    public void The_thumbprint_follows_RFC_7638()
    {
        // RFC 7638 §3.1: the example RSA key and its thumbprint.
        var jwk = System.Text.Json.Nodes.JsonNode.Parse("""
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """)!.AsObject();

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", CertificatePublicKey.FromJwk(jwk).Thumbprint);
    }

    [Fact]
    public void Weak_private_or_foreign_JWKs_are_refused_with_the_reason()
    {
        var rsa = CertificateFixtures.RsaKey.PublicKey.ToJwk();
        rsa["d"] = "AAAA";
        Assert.Equal("The JWK holds a private key ('d'); give the public key only.", Assert.Throws<CertificateException>(() => CertificatePublicKey.FromJwk(rsa)).Message);

        using var small = System.Security.Cryptography.RSA.Create(1024);
        var weak = CertificatePublicKey.FromRsa(small.ExportParameters(false)).ToJwk();
        Assert.Equal("The RSA JWK has 1024 bits; at least 2048 are required.", Assert.Throws<CertificateException>(() => CertificatePublicKey.FromJwk(weak)).Message);

        var okp = System.Text.Json.Nodes.JsonNode.Parse("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""")!.AsObject();
        Assert.Equal("The JWK has kty 'OKP'; only RSA and EC keys are supported.", Assert.Throws<CertificateException>(() => CertificatePublicKey.FromJwk(okp)).Message);

        Assert.Equal("The key file holds no PEM private key (-----BEGIN PRIVATE KEY-----).", Assert.Throws<CertificateException>(() => CertificateSigningKey.FromPem("hello")).Message);
    }
}
