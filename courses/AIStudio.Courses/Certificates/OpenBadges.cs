namespace AIStudio.Courses.Certificates;

/// <summary>The fixed vocabulary of 1EdTech Open Badges 3.0 (on the W3C Verifiable Credentials Data Model 2.0) that certificates use.</summary>
public static class OpenBadges
{
    /// <summary>The VC Data Model 2.0 context; always first in <c>@context</c>.</summary>
    public const string CredentialsContext = "https://www.w3.org/ns/credentials/v2";

    /// <summary>The Open Badges 3.0 context this issuer writes.</summary>
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>The JSON Schema every OpenBadgeCredential validates against (named in <c>credentialSchema</c>).</summary>
    public const string CredentialSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    /// <summary>The <c>type</c> of a <c>credentialSchema</c> entry.</summary>
    public const string CredentialSchemaType = "1EdTechJsonSchemaValidator2019";

    /// <summary>The <c>type</c> of a <c>credentialStatus</c> that points at a revocation list.</summary>
    public const string RevocationListType = "1EdTechRevocationList";

    /// <summary>The media type of a credential secured as a compact JWS (VC-JOSE-COSE), used in the <c>data:</c> URL of an enveloped credential.</summary>
    public const string JwtMediaType = "application/vc+jwt";

    /// <summary>The <c>type</c> of the JSON form of a JWT-secured credential (VC Data Model 2.0 §4.13).</summary>
    public const string EnvelopedCredentialType = "EnvelopedVerifiableCredential";

    /// <summary>The <c>@context</c> of a credential, in order.</summary>
    public static IReadOnlyList<string> Contexts { get; } = [CredentialsContext, OpenBadgesContext];

    /// <summary>The <c>type</c> of a credential, in order.</summary>
    public static IReadOnlyList<string> CredentialTypes { get; } = ["VerifiableCredential", "OpenBadgeCredential"];
}
