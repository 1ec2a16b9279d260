using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// What verifying a certificate found: valid or not and the reason, and — as far as the document could be read — who
/// earned what from whom and when. The summary fields of an invalid certificate are what it claims, not facts.
/// </summary>
public sealed record CertificateVerification
{
    /// <summary>Whether the signature, structure, claims and validity period all check out.</summary>
    public bool IsValid => Problem is null;

    /// <summary>Why the certificate is not valid (one precise sentence), or null when it is.</summary>
    public string? Problem { get; init; }

    /// <summary>The form that was read: <c>VC-JWT</c> or <c>EnvelopedVerifiableCredential</c>; null when unreadable.</summary>
    public string? Format { get; init; }

    /// <summary>The JWS <c>alg</c>.</summary>
    public string? Algorithm { get; init; }

    /// <summary>The JWS <c>kid</c>.</summary>
    public string? KeyId { get; init; }

    /// <summary>The credential (the JWT payload without its JWT claims), when it could be decoded.</summary>
    public JsonObject? Credential { get; init; }

    /// <summary>The credential's id.</summary>
    public string? CredentialId => CredentialJson.Text(Credential, "id");

    /// <summary>The credential's name.</summary>
    public string? Name => CredentialJson.Text(Credential, "name");

    /// <summary>The issuer's id.</summary>
    public string? IssuerId => Credential is null ? null : CredentialChecks.IssuerId(Credential);

    /// <summary>The issuer's name.</summary>
    public string? IssuerName => CredentialJson.Text(Credential, "issuer.name");

    /// <summary>The recipient's name (the unhashed <c>name</c> identifier).</summary>
    public string? RecipientName => Identifiers().FirstOrDefault(i => CredentialJson.Text(i, "identityType") == "name" && CredentialJson.Text(i, "identityHash") is not null) is { } name
        ? CredentialJson.Text(name, "identityHash")
        : null;

    /// <summary>The recipient's id (<c>credentialSubject.id</c>).</summary>
    public string? RecipientId => CredentialJson.Text(Credential, "credentialSubject.id");

    /// <summary>Whether the recipient is also identified by an email (hashed or not).</summary>
    public bool HasRecipientEmail => Identifiers().Any(i => CredentialJson.Text(i, "identityType") == "emailAddress");

    /// <summary>The achievement's name (the course).</summary>
    public string? AchievementName => CredentialJson.Text(Credential, "credentialSubject.achievement.name");

    /// <summary>The achievement's id.</summary>
    public string? AchievementId => CredentialJson.Text(Credential, "credentialSubject.achievement.id");

    /// <summary>The first result's value (the score, as a percentage string).</summary>
    public string? Score => CredentialJson.At(Credential, "credentialSubject.result") is JsonArray { Count: > 0 } results ? CredentialJson.Text(results[0], "value") : null;

    /// <summary>The pass mark the achievement asks for.</summary>
    public string? PassMark => CredentialJson.At(Credential, "credentialSubject.achievement.resultDescription") is JsonArray { Count: > 0 } descriptions ? CredentialJson.Text(descriptions[0], "requiredValue") : null;

    /// <summary>When the certificate became valid.</summary>
    public string? ValidFrom => CredentialJson.Text(Credential, "validFrom");

    /// <summary>When it expires, or null for never.</summary>
    public string? ValidUntil => CredentialJson.Text(Credential, "validUntil");

    /// <summary>The result as JSON (what <c>aistudio certificates verify --json</c> prints).</summary>
    public JsonObject ToJson() => new()
    {
        ["valid"] = IsValid,
        ["problem"] = Problem,
        ["format"] = Format,
        ["alg"] = Algorithm,
        ["kid"] = KeyId,
        ["id"] = CredentialId,
        ["name"] = Name,
        ["issuer"] = new JsonObject { ["id"] = IssuerId, ["name"] = IssuerName },
        ["recipient"] = new JsonObject { ["name"] = RecipientName, ["id"] = RecipientId, ["email_hashed"] = HasRecipientEmail },
        ["achievement"] = new JsonObject { ["id"] = AchievementId, ["name"] = AchievementName },
        ["score"] = Score,
        ["pass_mark"] = PassMark,
        ["valid_from"] = ValidFrom,
        ["valid_until"] = ValidUntil,
    };

    /// <summary>A few lines for people: VALID or INVALID with the reason, then who, what, when and the issuer.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(IsValid ? "VALID" : $"INVALID: {Problem}");
        if (Credential is null)
        {
            return text.ToString();
        }

        var claims = IsValid ? "" : " (as claimed; not verified)";
        text.AppendLine(CultureInfo.InvariantCulture, $"  Certificate: {Name ?? "(no name)"}{claims}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Recipient:   {RecipientName ?? RecipientId ?? "(not named)"}{(RecipientId is not null && RecipientName is not null ? $" <{RecipientId}>" : "")}{(HasRecipientEmail ? " (email on file, hashed)" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Achievement: {AchievementName ?? "(none)"}{(AchievementId is null ? "" : $" <{AchievementId}>")}");
        if (Score is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Score:       {Score} %{(PassMark is null ? "" : $" (pass mark {PassMark} %)")}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  Issuer:      {IssuerName ?? "(no name)"}{(IssuerId is null ? "" : $" <{IssuerId}>")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Valid:       from {ValidFrom ?? "?"}{(ValidUntil is null ? ", no expiry" : $" until {ValidUntil}")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Id:          {CredentialId ?? "(none)"}");
        if (Algorithm is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Signature:   {Algorithm}, key {KeyId ?? "(none)"}");
        }

        return text.ToString();
    }

    private IEnumerable<JsonObject> Identifiers() =>
        CredentialJson.At(Credential, "credentialSubject.identifier") is JsonArray identifiers ? identifiers.OfType<JsonObject>() : [];
}
