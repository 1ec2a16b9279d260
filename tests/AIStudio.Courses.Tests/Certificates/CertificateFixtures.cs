using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>An issuer, a course, a learner and keys for certificate tests; keys are generated once (RSA 3072 takes a moment).</summary>
internal static class CertificateFixtures
{
    public const string IssuerId = "https://hub.example/certificates/issuer";

    private static readonly Lazy<CertificateSigningKey> Rsa = new(() => CertificateSigningKey.Generate(CertificateKeyAlgorithm.RS256));
    private static readonly Lazy<CertificateSigningKey> OtherRsa = new(() => CertificateSigningKey.Generate(CertificateKeyAlgorithm.RS256));
    private static readonly Lazy<CertificateSigningKey> Ec = new(() => CertificateSigningKey.Generate(CertificateKeyAlgorithm.ES256));

    public static CertificateSigningKey RsaKey => Rsa.Value;

    public static CertificateSigningKey OtherRsaKey => OtherRsa.Value;

    public static CertificateSigningKey EcKey => Ec.Value;

    public static IssuerProfile Issuer(string id = IssuerId) => new()
    {
        Id = id,
        Name = "AI Studio Academy",
        Url = "https://hub.example/",
    };

    public static CertificateAchievement Achievement => new()
    {
        Id = "https://hub.example/courses/ml-basics",
        Slug = "ml-basics",
        Name = "Machine learning with ML.NET",
        Description = "Classification, regression, evaluation and overfitting with ML.NET.",
        CriteriaNarrative = "Score at least 70 % of the graded assignments.",
        PassMark = 70,
    };

    public static CertificateRequest Request(DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null) => new()
    {
        Achievement = Achievement,
        Recipient = new CertificateRecipient { Name = "Ada Lovelace", Email = "Ada@Example.org", Id = "https://hub.example/users/ada" },
        Score = 92.5,
        ValidFrom = validFrom ?? DateTimeOffset.UtcNow.AddMinutes(-5),
        ValidUntil = validUntil,
        Salt = "pepper",
    };

    public static IssuedCertificate Issue(CertificateSigningKey? key = null, CertificateRequest? request = null, IssuerProfile? issuer = null) =>
        new CertificateIssuer(issuer ?? Issuer(), key ?? RsaKey).Issue(request ?? Request());

    /// <summary>Offline keys that trust <paramref name="key"/> under the id certificates name it by.</summary>
    public static CertificateKeySet Trusting(CertificateSigningKey key, IssuerProfile? issuer = null) =>
        new([key.PublicKey.WithKeyId((issuer ?? Issuer()).KeyIdFor(key.PublicKey))]);

    public static JsonObject Header(string jwt) => Decode(jwt.Split('.')[0]);

    public static JsonObject Payload(string jwt) => Decode(jwt.Split('.')[1]);

    /// <summary>The JWT with its payload changed by <paramref name="change"/> and the original header and signature kept.</summary>
    public static string TamperPayload(string jwt, Action<JsonObject> change)
    {
        var parts = jwt.Split('.');
        var payload = Decode(parts[1]);
        change(payload);
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    /// <summary>The JWT with its header replaced and the original payload and signature kept.</summary>
    public static string ReplaceHeader(string jwt, JsonObject header)
    {
        var parts = jwt.Split('.');
        return $"{Encode(header)}.{parts[1]}.{parts[2]}";
    }

    /// <summary>A JWT signed properly by <paramref name="key"/> over a payload changed by <paramref name="change"/> (tests of checks after the signature).</summary>
    public static string Resign(string jwt, CertificateSigningKey key, Action<JsonObject> change)
    {
        var parts = jwt.Split('.');
        var payload = Decode(parts[1]);
        change(payload);
        var input = $"{parts[0]}.{Encode(payload)}";
        return $"{input}.{Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(input)))}";
    }

    public static string Encode(JsonObject value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value.ToJsonString()));

    private static JsonObject Decode(string part) => (JsonObject)JsonNode.Parse(Base64Url.DecodeFromChars(part))!;
}
