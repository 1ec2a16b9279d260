namespace AIStudio.Courses.Certificates;

/// <summary>One certificate to issue: for whom, for what, with which score, valid when.</summary>
public sealed record CertificateRequest
{
    /// <summary>The course's achievement.</summary>
    public required CertificateAchievement Achievement { get; init; }

    /// <summary>The learner.</summary>
    public required CertificateRecipient Recipient { get; init; }

    /// <summary>The learner's score as a percentage (0–100); it must reach <see cref="CertificateAchievement.PassMark"/>.</summary>
    public required double Score { get; init; }

    /// <summary>When the certificate becomes valid (whole seconds, UTC); null for now.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>When it expires, or null for never.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The credential's id; null for a fresh <c>urn:uuid:</c>. The hub may use its certificate page's URL.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The salt for the email's hash; null for 16 random bytes (hex).</summary>
    public string? Salt { get; init; }

    /// <summary>The URL of the issuer's revocation list (<c>credentialStatus</c>, type 1EdTechRevocationList), or null for none.</summary>
    public string? RevocationListUrl { get; init; }
}
