namespace AIStudio.Courses.Certificates;

/// <summary>How a certificate is written to a file.</summary>
public enum CertificateFileFormat
{
    /// <summary>The VC-JWT: one compact JWS line.</summary>
    Jwt,

    /// <summary>JSON: an <c>EnvelopedVerifiableCredential</c> holding the VC-JWT in a <c>data:</c> URL.</summary>
    Json,
}
