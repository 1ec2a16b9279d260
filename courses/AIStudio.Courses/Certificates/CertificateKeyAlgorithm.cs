namespace AIStudio.Courses.Certificates;

/// <summary>The JWS algorithms a certificate may be signed with (RFC 7518 names).</summary>
public enum CertificateKeyAlgorithm
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 on an RSA key of 2048 bits or more; every Open Badges 3.0 verifier must support it.</summary>
    RS256,

    /// <summary>ECDSA on P-256 with SHA-256; smaller keys and signatures, but not every verifier supports it.</summary>
    ES256,
}
