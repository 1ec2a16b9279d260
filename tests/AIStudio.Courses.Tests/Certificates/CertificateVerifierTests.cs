using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>Verification with real keys: a good certificate passes; every change, wrong key, bad alg and stale date fails with its reason.</summary>
public sealed class CertificateVerifierTests
{
    private const string SignatureProblem = "The signature does not verify: the certificate was changed after it was signed, or signed with another key.";

    [Theory]
    [InlineData(CertificateKeyAlgorithm.RS256)]
    [InlineData(CertificateKeyAlgorithm.ES256)]
    public async Task An_issued_certificate_verifies_and_says_who_what_and_when(CertificateKeyAlgorithm algorithm)
    {
        var key = algorithm == CertificateKeyAlgorithm.RS256 ? CertificateFixtures.RsaKey : CertificateFixtures.EcKey;
        var issued = CertificateFixtures.Issue(key);

        var result = await Verify(issued.Jwt, key);

        Assert.Null(result.Problem);
        Assert.True(result.IsValid);
        Assert.Equal("VC-JWT", result.Format);
        Assert.Equal(algorithm.ToString(), result.Algorithm);
        Assert.Equal("Ada Lovelace", result.RecipientName);
        Assert.Equal("Machine learning with ML.NET", result.AchievementName);
        Assert.Equal("AI Studio Academy", result.IssuerName);
        Assert.Equal("92.5", result.Score);
        Assert.Equal(issued.Id, result.CredentialId);
        Assert.StartsWith("VALID\n", result.ToText(), StringComparison.Ordinal);
        Assert.Contains("Recipient:   Ada Lovelace <https://hub.example/users/ada> (email on file, hashed)", result.ToText(), StringComparison.Ordinal);
        Assert.True((bool)result.ToJson()["valid"]!);
    }

    [Fact]
    public async Task The_enveloped_JSON_form_verifies_like_the_JWT()
    {
        var issued = CertificateFixtures.Issue();
        var result = await Verify(issued.ToFileText(CertificateFileFormat.Json), CertificateFixtures.RsaKey);

        Assert.Null(result.Problem);
        Assert.Equal("EnvelopedVerifiableCredential", result.Format);

        var tampered = CertificateFixtures.TamperPayload(issued.Jwt, p => p["name"] = "Forged");
        var envelope = new JsonObject { ["@context"] = OpenBadges.CredentialsContext, ["type"] = "EnvelopedVerifiableCredential", ["id"] = "data:application/vc+jwt," + tampered };
        Assert.Equal(SignatureProblem, (await Verify(envelope.ToJsonString(), CertificateFixtures.RsaKey)).Problem);
    }

    public static TheoryData<string, Action<JsonObject>> Tampers => new()
    {
        { "name", p => p["name"] = "Doctorate in Everything" },
        { "score", p => p["credentialSubject"]!["result"]![0]!["value"] = "100" },
        { "recipient name", p => p["credentialSubject"]!["identifier"]![0]!["identityHash"] = "Eve" },
        { "recipient id", p => p["credentialSubject"]!["id"] = "https://hub.example/users/eve" },
        { "validFrom", p => p["validFrom"] = "2020-01-01T00:00:00Z" },
        { "validUntil added", p => p["validUntil"] = "2099-01-01T00:00:00Z" },
        { "issuer name", p => p["issuer"]!["name"] = "Harvard" },
        { "pass mark", p => p["credentialSubject"]!["achievement"]!["resultDescription"]![0]!["requiredValue"] = "10" },
        { "nbf claim", p => p["nbf"] = 0 },
        { "a member added", p => p["evidence"] = new JsonArray() },
    };

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Changing_any_single_field_fails_the_signature(string field, Action<JsonObject> change)
    {
        var issued = CertificateFixtures.Issue();
        var tampered = CertificateFixtures.TamperPayload(issued.Jwt, change);
        Assert.NotEqual(issued.Jwt, tampered);

        var result = await Verify(tampered, CertificateFixtures.RsaKey);

        Assert.False(result.IsValid, field);
        Assert.Equal(SignatureProblem, result.Problem);
        Assert.StartsWith("INVALID: The signature does not verify", result.ToText(), StringComparison.Ordinal);
        Assert.Contains("(as claimed; not verified)", result.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.RS256)]
    [InlineData(CertificateKeyAlgorithm.ES256)]
    public async Task Changing_one_bit_of_the_signature_fails(CertificateKeyAlgorithm algorithm)
    {
        var key = algorithm == CertificateKeyAlgorithm.RS256 ? CertificateFixtures.RsaKey : CertificateFixtures.EcKey;
        var parts = CertificateFixtures.Issue(key).Jwt.Split('.');
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        signature[signature.Length / 2] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}";

        Assert.Equal(SignatureProblem, (await Verify(tampered, key)).Problem);
    }

    [Fact]
    public async Task Alg_none_is_refused_even_without_a_signature()
    {
        var issued = CertificateFixtures.Issue();
        var parts = CertificateFixtures.ReplaceHeader(issued.Jwt, new JsonObject { ["alg"] = "none", ["kid"] = CertificateFixtures.Header(issued.Jwt)["kid"]!.DeepClone() }).Split('.');
        var unsigned = $"{parts[0]}.{parts[1]}.";

        var result = await Verify(unsigned, CertificateFixtures.RsaKey);

        Assert.Equal("The JOSE header says alg 'none' (an unsigned token): refused, an unsigned certificate proves nothing.", result.Problem);
    }

    [Fact]
    public async Task Other_algorithms_and_extra_headers_are_refused()
    {
        var issued = CertificateFixtures.Issue();
        var kid = (string)CertificateFixtures.Header(issued.Jwt)["kid"]!;

        var hs256 = CertificateFixtures.ReplaceHeader(issued.Jwt, new JsonObject { ["alg"] = "HS256", ["kid"] = kid });
        Assert.Equal("The JOSE header says alg 'HS256', which is not accepted: certificates are signed with RS256 or ES256.", (await Verify(hs256, CertificateFixtures.RsaKey)).Problem);

        var crit = CertificateFixtures.ReplaceHeader(issued.Jwt, new JsonObject { ["alg"] = "RS256", ["kid"] = kid, ["crit"] = new JsonArray("exp") });
        Assert.Equal("The JOSE header has 'crit', which Open Badges 3.0 does not allow (only alg, kid, jwk, typ).", (await Verify(crit, CertificateFixtures.RsaKey)).Problem);

        var noKid = CertificateFixtures.ReplaceHeader(issued.Jwt, new JsonObject { ["alg"] = "RS256" });
        Assert.StartsWith("The JOSE header has no 'kid'", (await Verify(noKid, CertificateFixtures.RsaKey)).Problem, StringComparison.Ordinal);

        var es256 = CertificateFixtures.ReplaceHeader(issued.Jwt, new JsonObject { ["alg"] = "ES256", ["kid"] = kid });
        Assert.Equal($"The key '{kid}' is an RSA key, which cannot verify alg ES256.", (await Verify(es256, CertificateFixtures.RsaKey)).Problem);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_and_one_not_yet_valid_too()
    {
        var expired = CertificateFixtures.Issue(request: CertificateFixtures.Request(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var result = await Verify(expired.Jwt, CertificateFixtures.RsaKey);
        Assert.StartsWith("Expired: validUntil was 2025-01-01T00:00:00Z, now is ", result.Problem, StringComparison.Ordinal);

        var future = CertificateFixtures.Issue(request: CertificateFixtures.Request(DateTimeOffset.UtcNow.AddDays(3)));
        Assert.StartsWith("Not yet valid: validFrom is ", (await Verify(future.Jwt, CertificateFixtures.RsaKey)).Problem, StringComparison.Ordinal);

        var clock = new FixedClock(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Null((await new CertificateVerifier(CertificateFixtures.Trusting(CertificateFixtures.RsaKey), clock).VerifyAsync(expired.Jwt)).Problem);
    }

    [Fact]
    public async Task Another_key_under_the_same_kid_fails_the_signature_and_an_unknown_kid_is_named()
    {
        var issued = CertificateFixtures.Issue();
        var impostor = new CertificateKeySet([CertificateFixtures.OtherRsaKey.PublicKey.WithKeyId(CertificateFixtures.Issuer().KeyIdFor(CertificateFixtures.RsaKey.PublicKey))]);
        Assert.Equal(SignatureProblem, (await new CertificateVerifier(impostor).VerifyAsync(issued.Jwt)).Problem);

        var result = await Verify(issued.Jwt, CertificateFixtures.OtherRsaKey);
        Assert.StartsWith($"Unknown kid '{CertificateFixtures.IssuerId}#{CertificateFixtures.RsaKey.Thumbprint}': no key with that id", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_properly_signed_payload_whose_claims_disagree_with_the_credential_is_refused()
    {
        var jwt = CertificateFixtures.Issue().Jwt;
        var key = CertificateFixtures.RsaKey;

        Assert.Equal("The JWT claim iss 'https://evil.example/' does not match issuer.id 'https://hub.example/certificates/issuer'.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["iss"] = "https://evil.example/"), key)).Problem);
        Assert.StartsWith("The JWT claim jti ", (await Verify(CertificateFixtures.Resign(jwt, key, p => p["jti"] = "urn:uuid:00000000-0000-0000-0000-000000000000"), key)).Problem, StringComparison.Ordinal);
        Assert.StartsWith("The JWT claim nbf ", (await Verify(CertificateFixtures.Resign(jwt, key, p => p["nbf"] = 0), key)).Problem, StringComparison.Ordinal);
        Assert.StartsWith("The JWT claim sub ", (await Verify(CertificateFixtures.Resign(jwt, key, p => p.Remove("sub")), key)).Problem, StringComparison.Ordinal);
        Assert.Equal("The credential has validUntil but the JWT has no 'exp' claim.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["validUntil"] = "2099-01-01T00:00:00Z"), key)).Problem);
    }

    [Fact]
    public async Task A_properly_signed_payload_without_the_required_structure_is_refused()
    {
        var jwt = CertificateFixtures.Issue().Jwt;
        var key = CertificateFixtures.RsaKey;

        Assert.Equal("@context must begin with 'https://www.w3.org/ns/credentials/v2'.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1")), key)).Problem);
        Assert.Equal("type must include 'OpenBadgeCredential'.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["type"] = new JsonArray("VerifiableCredential")), key)).Problem);
        Assert.Equal("credentialSubject.achievement.name is missing or not a string.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["credentialSubject"]!["achievement"]!.AsObject().Remove("name")), key)).Problem);
        Assert.Equal("validFrom '\"yesterday\"' is not a date-time with a time zone (e.g. 2026-01-31T12:00:00Z).",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["validFrom"] = "yesterday"), key)).Problem);
        Assert.Equal("credentialSubject.identifier[1].hashed must be true or false.",
            (await Verify(CertificateFixtures.Resign(jwt, key, p => p["credentialSubject"]!["identifier"]![1]!["hashed"] = "yes"), key)).Problem);
    }

    [Theory]
    [InlineData("{ \"type\": ", "Malformed JSON: ")]
    [InlineData("[1, 2]", "Malformed JSON: ")]
    [InlineData("not a certificate", "Not a compact JWS: it has 1 part(s)")]
    [InlineData("a.b", "Not a compact JWS: it has 2 part(s)")]
    [InlineData("!!!.e30.AA", "The JOSE header is not base64url.")]
    [InlineData("e30.bm90IGpzb24.AA", "The JWT payload is not valid JSON: ")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:text/plain,hello\"}", "The EnvelopedVerifiableCredential's id is not a 'data:application/vc+jwt,' URL")]
    public async Task Malformed_input_is_refused_with_a_precise_message(string input, string expected)
    {
        var result = await Verify(input, CertificateFixtures.RsaKey);

        Assert.False(result.IsValid);
        Assert.StartsWith(expected, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bare_credential_without_a_proof_is_refused()
    {
        var issued = CertificateFixtures.Issue();

        var result = await Verify(issued.Credential.ToJsonString(), CertificateFixtures.RsaKey);

        Assert.StartsWith("The credential has no proof", result.Problem, StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", result.RecipientName);
    }

    [Fact]
    public async Task Duplicate_members_in_the_payload_are_refused()
    {
        var jwt = CertificateFixtures.Issue().Jwt;
        var parts = jwt.Split('.');
        var json = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var doubled = "{\"name\":\"Forged\"," + json[1..];
        var token = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(doubled))}.{parts[2]}";

        Assert.StartsWith("The JWT payload is not valid JSON: ", (await Verify(token, CertificateFixtures.RsaKey)).Problem, StringComparison.Ordinal);
    }

    private static Task<CertificateVerification> Verify(string certificate, CertificateSigningKey trusted) =>
        new CertificateVerifier(CertificateFixtures.Trusting(trusted)).VerifyAsync(certificate);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
