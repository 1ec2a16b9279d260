namespace AIStudio.Courses.Certificates;

/// <summary>Where a verifier finds the public key a certificate's JWS header names (offline: a key or key set file; online: the issuer's document).</summary>
public interface ICertificateKeySource
{
    /// <summary>
    /// The key <paramref name="kid"/> names, for a credential whose <c>issuer.id</c> is <paramref name="issuerId"/>.
    /// Throws <see cref="CertificateException"/> saying why there is none (unknown kid, unreachable issuer, …).
    /// </summary>
    Task<CertificatePublicKey> FindKeyAsync(string kid, string issuerId, CancellationToken cancellationToken = default);
}
