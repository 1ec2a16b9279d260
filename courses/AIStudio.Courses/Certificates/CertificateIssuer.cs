using System.Globalization;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Issues Open Badges 3.0 certificates: builds the <c>OpenBadgeCredential</c> for a course passed by a learner and
/// signs it as a VC-JWT (compact JWS, RS256 or ES256 after the key) whose header <c>kid</c> is <c>ISSUER_ID#THUMBPRINT</c>,
/// the key listed in the issuer document served at the issuer's id (<see cref="IssuerProfile.ToDocument"/>).
/// </summary>
public sealed class CertificateIssuer
{
    private readonly IssuerProfile _issuer;
    private readonly CertificateSigningKey _key;
    private readonly TimeProvider _time;

    /// <summary>An issuer that signs as <paramref name="issuer"/> with <paramref name="key"/>; <paramref name="time"/> gives "now" (default: the system clock).</summary>
    public CertificateIssuer(IssuerProfile issuer, CertificateSigningKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(key);
        issuer.Validate();
        _issuer = issuer;
        _key = key;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The <c>kid</c> certificates from this issuer carry.</summary>
    public string KeyId => _issuer.KeyIdFor(_key.PublicKey);

    /// <summary>
    /// Builds and signs the certificate. Throws <see cref="CertificateException"/> when the score is below the pass mark,
    /// the validity ends before it starts, or an id is not a URI.
    /// </summary>
    public IssuedCertificate Issue(CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { ValidFrom = Truncate(request.ValidFrom ?? _time.GetUtcNow()) };
        var credential = CreateCredential(request);
        var payload = (JsonObject)credential.DeepClone();
        payload["iss"] = _issuer.Id;
        payload["jti"] = credential["id"]!.GetValue<string>();
        payload["nbf"] = Seconds(request.ValidFrom.Value);
        if (request.Recipient.Id is { } subject)
        {
            payload["sub"] = subject;
        }

        if (request.ValidUntil is { } until)
        {
            payload["exp"] = Seconds(until);
        }

        var header = new JsonObject { ["alg"] = _key.Algorithm.ToString(), ["kid"] = KeyId, ["typ"] = "JWT" };
        return new IssuedCertificate(credential, CompactJws.Sign(header, payload, _key));
    }

    /// <summary>The unsigned <c>OpenBadgeCredential</c> for <paramref name="request"/>.</summary>
    public JsonObject CreateCredential(CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var achievement = request.Achievement;
        var recipient = request.Recipient;
        var validFrom = Truncate(request.ValidFrom ?? _time.GetUtcNow());
        Check(request with { ValidFrom = validFrom });

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray([.. OpenBadges.Contexts.Select(c => (JsonNode)c)]),
            ["id"] = request.CredentialId ?? $"urn:uuid:{Guid.NewGuid()}",
            ["type"] = new JsonArray([.. OpenBadges.CredentialTypes.Select(c => (JsonNode)c)]),
            ["name"] = $"{achievement.Name} — certificate",
            ["description"] = $"{recipient.Name} completed the course '{achievement.Name}' with a score of {Percent(request.Score)} % (pass mark {Percent(achievement.PassMark)} %).",
            ["issuer"] = _issuer.ToJson(),
            ["validFrom"] = Format(validFrom),
        };
        if (request.ValidUntil is { } until)
        {
            credential["validUntil"] = Format(Truncate(until));
        }

        credential["awardedDate"] = Format(validFrom);
        credential["credentialSubject"] = Subject(request);
        credential["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = OpenBadges.CredentialSchema, ["type"] = OpenBadges.CredentialSchemaType });
        if (request.RevocationListUrl is { } revocations)
        {
            credential["credentialStatus"] = new JsonObject { ["id"] = revocations, ["type"] = OpenBadges.RevocationListType };
        }

        return credential;
    }

    /// <summary>A DateTime as the credential writes it: UTC, whole seconds, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Subject(CertificateRequest request)
    {
        var achievement = request.Achievement;
        var recipient = request.Recipient;
        var identifiers = new JsonArray(new JsonObject
        {
            ["type"] = "IdentityObject",
            ["identityHash"] = recipient.Name,
            ["identityType"] = "name",
            ["hashed"] = false,
        });
        if (recipient.Email is { Length: > 0 } email)
        {
            var salt = request.Salt ?? RecipientIdentity.NewSalt();
            identifiers.Add(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["identityHash"] = RecipientIdentity.HashEmail(email, salt),
                ["identityType"] = "emailAddress",
                ["hashed"] = true,
                ["salt"] = salt,
            });
        }

        var scoreId = achievement.Id + "#score";
        var achievementJson = new JsonObject
        {
            ["id"] = achievement.Id,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "Certificate",
            ["name"] = achievement.Name,
            ["description"] = achievement.Description,
            ["criteria"] = new JsonObject { ["narrative"] = achievement.CriteriaNarrative },
            ["humanCode"] = achievement.Slug,
            ["resultDescription"] = new JsonArray(new JsonObject
            {
                ["id"] = scoreId,
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = "Score",
                ["resultType"] = "Percent",
                ["requiredValue"] = Percent(achievement.PassMark),
                ["valueMin"] = "0",
                ["valueMax"] = "100",
            }),
        };
        if (achievement.ImageUrl is { } image)
        {
            achievementJson["image"] = new JsonObject { ["id"] = image, ["type"] = "Image", ["caption"] = achievement.Name };
        }

        var subject = new JsonObject();
        if (recipient.Id is { } id)
        {
            subject["id"] = id;
        }

        subject["type"] = new JsonArray("AchievementSubject");
        subject["identifier"] = identifiers;
        subject["achievement"] = achievementJson;
        subject["result"] = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray("Result"),
            ["resultDescription"] = scoreId,
            ["value"] = Percent(request.Score),
            ["status"] = "Completed",
        });
        return subject;
    }

    private static void Check(CertificateRequest request)
    {
        var achievement = request.Achievement;
        if (double.IsNaN(request.Score) || request.Score < 0 || request.Score > 100)
        {
            throw new CertificateException($"The score {Percent(request.Score)} is not a percentage from 0 to 100.");
        }

        if (request.Score < achievement.PassMark)
        {
            throw new CertificateException($"The score {Percent(request.Score)} % is below the pass mark of {Percent(achievement.PassMark)} % for '{achievement.Name}': no certificate.");
        }

        foreach (var (what, value) in new[] { ("achievement id", achievement.Id), ("recipient id", request.Recipient.Id), ("credential id", request.CredentialId), ("revocation list URL", request.RevocationListUrl) })
        {
            if (value is not null && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                throw new CertificateException($"The {what} '{value}' is not an absolute URI.");
            }
        }

        if (string.IsNullOrWhiteSpace(request.Recipient.Name))
        {
            throw new CertificateException("The recipient needs a name.");
        }

        if (request.ValidFrom is { } from && request.ValidUntil is { } until && until <= from)
        {
            throw new CertificateException($"validUntil {Format(until)} is not after validFrom {Format(from)}.");
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    private static long Seconds(DateTimeOffset value) => value.ToUnixTimeSeconds();

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
