namespace AIStudio.Courses.Certificates;

/// <summary>
/// Who earned the certificate. The name is shown in clear (an <c>IdentityObject</c> of type <c>name</c>); the email is
/// only ever written as a salted SHA-256 hash; <see cref="Id"/> (a hub user's URL, a DID) becomes <c>credentialSubject.id</c>.
/// </summary>
public sealed record CertificateRecipient
{
    /// <summary>The learner's name as it should appear on the certificate.</summary>
    public required string Name { get; init; }

    /// <summary>The learner's email, hashed with a salt in the credential; null for none.</summary>
    public string? Email { get; init; }

    /// <summary>A URI for the learner (e.g. <c>https://hub.example/users/alice</c>), or null; it becomes <c>credentialSubject.id</c> and the JWT <c>sub</c>.</summary>
    public string? Id { get; init; }
}
