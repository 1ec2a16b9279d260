using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>The OpenBadgeCredential the issuer writes and the VC-JWT around it, member by member against Open Badges 3.0.</summary>
public sealed class CertificateIssuerTests
{
    [Fact]
    public void The_credential_has_exactly_the_Open_Badges_3_contexts_and_types()
    {
        var credential = CertificateFixtures.Issue().Credential;

        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], Strings(credential["@context"]));
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], Strings(credential["type"]));
        Assert.Equal(["AchievementSubject"], Strings(credential["credentialSubject"]!["type"]));
        Assert.Equal(["Achievement"], Strings(credential["credentialSubject"]!["achievement"]!["type"]));
        Assert.Equal(["Profile"], Strings(credential["issuer"]!["type"]));
        Assert.Equal(["Result"], Strings(credential["credentialSubject"]!["result"]![0]!["type"]));
        Assert.Equal(["ResultDescription"], Strings(credential["credentialSubject"]!["achievement"]!["resultDescription"]![0]!["type"]));
    }

    [Fact]
    public void The_credential_carries_issuer_achievement_result_dates_and_schema()
    {
        var validFrom = new DateTimeOffset(2026, 3, 1, 9, 30, 15, 600, TimeSpan.FromHours(2));
        var validUntil = new DateTimeOffset(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var credential = CertificateFixtures.Issue(request: CertificateFixtures.Request(validFrom, validUntil)).Credential;

        Assert.StartsWith("urn:uuid:", (string)credential["id"]!, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(((string)credential["id"]!)["urn:uuid:".Length..], out _));
        Assert.Equal("2026-03-01T07:30:15Z", (string)credential["validFrom"]!);
        Assert.Equal("2031-03-01T00:00:00Z", (string)credential["validUntil"]!);
        Assert.Equal(CertificateFixtures.IssuerId, (string)credential["issuer"]!["id"]!);
        Assert.Equal("AI Studio Academy", (string)credential["issuer"]!["name"]!);
        Assert.Equal("https://hub.example/", (string)credential["issuer"]!["url"]!);
        Assert.Equal("Machine learning with ML.NET — certificate", (string)credential["name"]!);

        var achievement = credential["credentialSubject"]!["achievement"]!;
        Assert.Equal("https://hub.example/courses/ml-basics", (string)achievement["id"]!);
        Assert.Equal("Certificate", (string)achievement["achievementType"]!);
        Assert.Equal("Machine learning with ML.NET", (string)achievement["name"]!);
        Assert.Equal("Classification, regression, evaluation and overfitting with ML.NET.", (string)achievement["description"]!);
        Assert.Equal("Score at least 70 % of the graded assignments.", (string)achievement["criteria"]!["narrative"]!);
        Assert.Equal("70", (string)achievement["resultDescription"]![0]!["requiredValue"]!);
        Assert.Equal("Percent", (string)achievement["resultDescription"]![0]!["resultType"]!);

        var result = credential["credentialSubject"]!["result"]![0]!;
        Assert.Equal("92.5", (string)result["value"]!);
        Assert.Equal("Completed", (string)result["status"]!);
        Assert.Equal((string)achievement["resultDescription"]![0]!["id"]!, (string)result["resultDescription"]!);

        Assert.Equal("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", (string)credential["credentialSchema"]![0]!["id"]!);
        Assert.Equal("1EdTechJsonSchemaValidator2019", (string)credential["credentialSchema"]![0]!["type"]!);
        Assert.Null(credential["credentialStatus"]);
    }

    [Fact]
    public void The_email_is_only_written_as_a_salted_sha256_hash_and_the_name_in_clear()
    {
        var issued = CertificateFixtures.Issue();
        var subject = issued.Credential["credentialSubject"]!.AsObject();
        var identifiers = subject["identifier"]!.AsArray();

        Assert.Equal("https://hub.example/users/ada", (string)subject["id"]!);
        Assert.Equal("name", (string)identifiers[0]!["identityType"]!);
        Assert.Equal("Ada Lovelace", (string)identifiers[0]!["identityHash"]!);
        Assert.False((bool)identifiers[0]!["hashed"]!);
        var email = identifiers[1]!;
        Assert.Equal("IdentityObject", (string)email["type"]!);
        Assert.Equal("emailAddress", (string)email["identityType"]!);
        Assert.True((bool)email["hashed"]!);
        Assert.Equal("pepper", (string)email["salt"]!);
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ada@example.org" + "pepper")));
        Assert.Equal(expected, (string)email["identityHash"]!);
        Assert.DoesNotContain("example.org", issued.Jwt + CertificateFixtures.Payload(issued.Jwt).ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(RecipientIdentity.HasEmail(subject, " ADA@example.org "));
        Assert.False(RecipientIdentity.HasEmail(subject, "eve@example.org"));
    }

    [Fact]
    public void Without_a_given_salt_each_certificate_gets_a_fresh_random_one()
    {
        var request = CertificateFixtures.Request() with { Salt = null };
        var first = (string)CertificateFixtures.Issue(request: request).Credential["credentialSubject"]!["identifier"]![1]!["salt"]!;
        var second = (string)CertificateFixtures.Issue(request: request).Credential["credentialSubject"]!["identifier"]![1]!["salt"]!;

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.RS256)]
    [InlineData(CertificateKeyAlgorithm.ES256)]
    public void The_JWT_header_names_the_alg_and_the_issuers_key_and_the_payload_is_the_credential_with_its_claims(CertificateKeyAlgorithm algorithm)
    {
        var key = algorithm == CertificateKeyAlgorithm.RS256 ? CertificateFixtures.RsaKey : CertificateFixtures.EcKey;
        var validUntil = DateTimeOffset.UtcNow.AddYears(2);
        var issued = CertificateFixtures.Issue(key, CertificateFixtures.Request(validUntil: validUntil));
        var header = CertificateFixtures.Header(issued.Jwt);
        var payload = CertificateFixtures.Payload(issued.Jwt);

        Assert.Equal(["alg", "kid", "typ"], header.Select(p => p.Key));
        Assert.Equal(algorithm.ToString(), (string)header["alg"]!);
        Assert.Equal($"{CertificateFixtures.IssuerId}#{key.Thumbprint}", (string)header["kid"]!);
        Assert.Equal("JWT", (string)header["typ"]!);

        Assert.Equal(CertificateFixtures.IssuerId, (string)payload["iss"]!);
        Assert.Equal(issued.Id, (string)payload["jti"]!);
        Assert.Equal("https://hub.example/users/ada", (string)payload["sub"]!);
        Assert.Equal(DateTimeOffset.Parse((string)issued.Credential["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)payload["nbf"]!);
        Assert.Equal(validUntil.ToUnixTimeSeconds(), (long)payload["exp"]!);
        foreach (var (name, value) in issued.Credential)
        {
            Assert.True(JsonNode.DeepEquals(value, payload[name]), $"payload.{name} differs from the credential");
        }
    }

    [Fact]
    public void The_JSON_form_is_an_enveloped_credential_holding_the_JWT()
    {
        var issued = CertificateFixtures.Issue();
        var envelope = issued.ToEnvelopedJson();

        Assert.Equal("https://www.w3.org/ns/credentials/v2", (string)envelope["@context"]!);
        Assert.Equal("EnvelopedVerifiableCredential", (string)envelope["type"]!);
        Assert.Equal("data:application/vc+jwt," + issued.Jwt, (string)envelope["id"]!);
        Assert.Contains($"\"id\": \"data:application/vc+jwt,{issued.Jwt}\"", issued.ToFileText(CertificateFileFormat.Json), StringComparison.Ordinal);
        Assert.Equal(issued.Jwt + "\n", issued.ToFileText(CertificateFileFormat.Jwt));
    }

    [Fact]
    public void A_score_below_the_pass_mark_gets_no_certificate()
    {
        var request = CertificateFixtures.Request() with { Score = 69.99 };
        var error = Assert.Throws<CertificateException>(() => CertificateFixtures.Issue(request: request));
        Assert.Equal("The score 69.99 % is below the pass mark of 70 % for 'Machine learning with ML.NET': no certificate.", error.Message);

        Assert.NotNull(CertificateFixtures.Issue(request: request with { Score = 70 }).Jwt);
    }

    [Fact]
    public void Bad_requests_are_refused_with_the_reason()
    {
        var expiresFirst = CertificateFixtures.Request(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.StartsWith("validUntil ", Assert.Throws<CertificateException>(() => CertificateFixtures.Issue(request: expiresFirst)).Message, StringComparison.Ordinal);

        var badId = CertificateFixtures.Request() with { Recipient = new CertificateRecipient { Name = "X", Id = "not a uri" } };
        Assert.Equal("The recipient id 'not a uri' is not an absolute URI.", Assert.Throws<CertificateException>(() => CertificateFixtures.Issue(request: badId)).Message);

        Assert.Contains("must be an absolute http(s) URL without a fragment",
            Assert.Throws<CertificateException>(() => new CertificateIssuer(CertificateFixtures.Issuer("https://hub.example/issuer#me"), CertificateFixtures.RsaKey)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revocation_list_is_named_in_credentialStatus()
    {
        var request = CertificateFixtures.Request() with { RevocationListUrl = "https://hub.example/certificates/revocations" };
        var status = CertificateFixtures.Issue(request: request).Credential["credentialStatus"]!;

        Assert.Equal("https://hub.example/certificates/revocations", (string)status["id"]!);
        Assert.Equal("1EdTechRevocationList", (string)status["type"]!);
    }

    [Fact]
    public void The_issuer_document_lists_each_key_as_a_verification_method_and_in_a_JWK_set()
    {
        var issuer = CertificateFixtures.Issuer();
        var document = issuer.ToDocument([CertificateFixtures.RsaKey.PublicKey, CertificateFixtures.EcKey.PublicKey]);

        Assert.Equal(CertificateFixtures.IssuerId, (string)document["id"]!);
        Assert.Equal(["Profile"], Strings(document["type"]));
        var methods = document["verificationMethod"]!.AsArray();
        Assert.Equal(2, methods.Count);
        Assert.Equal($"{CertificateFixtures.IssuerId}#{CertificateFixtures.RsaKey.Thumbprint}", (string)methods[0]!["id"]!);
        Assert.Equal("JsonWebKey", (string)methods[0]!["type"]!);
        Assert.Equal(CertificateFixtures.IssuerId, (string)methods[0]!["controller"]!);
        Assert.Equal("RSA", (string)methods[0]!["publicKeyJwk"]!["kty"]!);
        Assert.Equal("EC", (string)document["keys"]![1]!["kty"]!);
        Assert.DoesNotContain("\"d\"", document.ToJsonString(), StringComparison.Ordinal);

        var set = CertificateKeySet.Parse(document.ToJsonString(), "issuer document");
        Assert.Equal(CertificateFixtures.EcKey.Thumbprint, set.Find($"{CertificateFixtures.IssuerId}#{CertificateFixtures.EcKey.Thumbprint}").Thumbprint);
    }

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];
}
