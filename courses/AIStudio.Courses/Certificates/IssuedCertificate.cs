using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// An issued certificate: the <see cref="Credential"/> (an OpenBadgeCredential, JSON-LD) and its VC-JWT <see cref="Jwt"/>,
/// the compact JWS whose payload is the credential with the JWT claims. The JWT is the proof: keep and hand out the
/// JWT (or <see cref="ToEnvelopedJson"/>, the same JWT in a JSON envelope); the bare credential alone verifies nothing.
/// </summary>
public sealed record IssuedCertificate(JsonObject Credential, string Jwt)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The credential's id (<c>urn:uuid:…</c> or the URL the issuer gave).</summary>
    public string Id => (string)Credential["id"]!;

    /// <summary>
    /// The JSON form of the signed credential: a VC Data Model 2.0 <c>EnvelopedVerifiableCredential</c> whose id is a
    /// <c>data:application/vc+jwt,</c> URL holding the JWT. <c>aistudio certificates verify</c> reads it like the JWT.
    /// </summary>
    public JsonObject ToEnvelopedJson() => new()
    {
        ["@context"] = OpenBadges.CredentialsContext,
        ["id"] = $"data:{OpenBadges.JwtMediaType},{Jwt}",
        ["type"] = OpenBadges.EnvelopedCredentialType,
    };

    /// <summary>The certificate file's text: the JWT on one line, or the enveloped JSON, indented.</summary>
    public string ToFileText(CertificateFileFormat format) => format == CertificateFileFormat.Jwt
        ? Jwt + "\n"
        : ToEnvelopedJson().ToJsonString(Indented) + "\n";

    /// <summary>Writes the certificate to <paramref name="path"/> (atomically: a temporary file renamed over it).</summary>
    public async Task SaveAsync(string path, CertificateFileFormat format, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, ToFileText(format), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }
}
