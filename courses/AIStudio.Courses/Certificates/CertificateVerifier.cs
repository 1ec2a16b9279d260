using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Verifies a certificate — a VC-JWT (compact JWS) or its JSON envelope (<c>EnvelopedVerifiableCredential</c>) — in the
/// order of Open Badges 3.0 §8.2.4: the JOSE header (alg RS256 or ES256; <c>none</c> and every other alg refused), the
/// key its <c>kid</c> names (from <see cref="ICertificateKeySource"/>), the signature, the credential's structure, the
/// JWT claims against the credential, and the validity period against the clock. Nothing is fetched unless the key
/// source fetches: JSON-LD contexts are checked as pinned strings, never loaded.
/// </summary>
public sealed class CertificateVerifier
{
    private static readonly HashSet<string> AllowedHeaders = ["alg", "kid", "jwk", "typ"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly ICertificateKeySource _keys;
    private readonly TimeProvider _time;

    /// <summary>A verifier that trusts the keys <paramref name="keys"/> gives; <paramref name="time"/> gives "now" (default: the system clock).</summary>
    public CertificateVerifier(ICertificateKeySource keys, TimeProvider? time = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Verifies the certificate in a file (see <see cref="VerifyAsync"/>).</summary>
    public async Task<CertificateVerification> VerifyFileAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CertificateVerification { Problem = $"Cannot read {path}: {e.Message}" };
        }

        return await VerifyAsync(text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a certificate given as text: a compact JWS, or JSON (the envelope; a bare credential is refused for lack of a proof).</summary>
    public async Task<CertificateVerification> VerifyAsync(string certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var text = certificate.Trim();
        string format;
        string token;
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            format = OpenBadges.EnvelopedCredentialType;
            if (Unwrap(text) is { } unwrapped)
            {
                return unwrapped;
            }

            token = JwtOfEnvelope(text);
        }
        else
        {
            format = "VC-JWT";
            token = text;
        }

        CompactJws jws;
        try
        {
            jws = CompactJws.Parse(token);
        }
        catch (CertificateException e)
        {
            return new CertificateVerification { Problem = e.Message, Format = format };
        }

        var credential = CredentialOf(jws.Payload);
        var alg = CredentialJson.Text(jws.Header, "alg");
        var kid = CredentialJson.Text(jws.Header, "kid");
        var result = new CertificateVerification { Format = format, Algorithm = alg, KeyId = kid, Credential = credential };
        if (HeaderProblem(jws.Header, alg, kid) is { } headerProblem)
        {
            return result with { Problem = headerProblem };
        }

        var algorithm = Enum.Parse<CertificateKeyAlgorithm>(alg!);
        var issuerId = CredentialChecks.IssuerId(credential) ?? "";
        CertificatePublicKey key;
        try
        {
            key = await _keys.FindKeyAsync(kid!, issuerId, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificateException e)
        {
            return result with { Problem = e.Message };
        }

        if (key.Algorithm != algorithm)
        {
            return result with { Problem = $"The key '{kid}' is an {(key.Algorithm == CertificateKeyAlgorithm.RS256 ? "RSA" : "EC P-256")} key, which cannot verify alg {alg}." };
        }

        if (!key.Verify(algorithm, Encoding.ASCII.GetBytes(jws.SigningInput), jws.Signature))
        {
            return result with { Problem = "The signature does not verify: the certificate was changed after it was signed, or signed with another key." };
        }

        var now = _time.GetUtcNow();
        var problem = CredentialChecks.Structure(credential)
            ?? CredentialChecks.Claims(jws.Payload, credential)
            ?? Period(credential, now);
        return result with { Problem = problem };
    }

    private static string? HeaderProblem(JsonObject header, string? alg, string? kid)
    {
        if (alg is null)
        {
            return "The JOSE header has no 'alg'.";
        }

        if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return "The JOSE header says alg 'none' (an unsigned token): refused, an unsigned certificate proves nothing.";
        }

        if (alg is not ("RS256" or "ES256"))
        {
            return $"The JOSE header says alg '{alg}', which is not accepted: certificates are signed with RS256 or ES256.";
        }

        if (header.Select(p => p.Key).FirstOrDefault(name => !AllowedHeaders.Contains(name)) is { } extra)
        {
            return $"The JOSE header has '{extra}', which Open Badges 3.0 does not allow (only alg, kid, jwk, typ).";
        }

        if (header["typ"] is not null && CredentialJson.Text(header, "typ") != "JWT")
        {
            return $"The JOSE header typ is {header["typ"]!.ToJsonString()}; it must be \"JWT\" when present.";
        }

        return kid is null
            ? "The JOSE header has no 'kid': a key that travels with the token (jwk) proves nothing by itself, so the issuer's key must be named."
            : null;
    }

    /// <summary>The credential in a JWT payload: the payload without the JWT claims, or its <c>vc</c> claim (VC Data Model 1.1 form).</summary>
    private static JsonObject CredentialOf(JsonObject payload)
    {
        if (payload["vc"] is JsonObject vc)
        {
            return vc;
        }

        var credential = (JsonObject)payload.DeepClone();
        foreach (var claim in new[] { "iss", "jti", "nbf", "exp", "sub", "iat", "aud" })
        {
            credential.Remove(claim);
        }

        return credential;
    }

    private static string? Period(JsonObject credential, DateTimeOffset now)
    {
        var validFrom = CredentialJson.DateTime(CredentialJson.Text(credential, "validFrom"))!.Value;
        if (now + ClockSkew < validFrom)
        {
            return $"Not yet valid: validFrom is {CertificateIssuer.Format(validFrom)}, now is {CertificateIssuer.Format(now)}.";
        }

        return CredentialJson.DateTime(CredentialJson.Text(credential, "validUntil")) is { } validUntil && now >= validUntil
            ? $"Expired: validUntil was {CertificateIssuer.Format(validUntil)}, now is {CertificateIssuer.Format(now)}."
            : null;
    }

    /// <summary>Null when <paramref name="json"/> is an envelope holding a JWT, else the verification that says what it is instead.</summary>
    private static CertificateVerification? Unwrap(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: CompactJws.StrictJson);
        }
        catch (JsonException e)
        {
            return new CertificateVerification { Problem = $"Malformed JSON: {e.Message}" };
        }

        if (node is not JsonObject document)
        {
            return new CertificateVerification { Problem = $"Malformed JSON: a certificate is a JSON object, this is {(node is JsonArray ? "an array" : "a value")}." };
        }

        var types = CredentialJson.Strings(document["type"]);
        if (types.Contains(OpenBadges.EnvelopedCredentialType))
        {
            return CredentialJson.Text(document, "id") is { } id && id.StartsWith($"data:{OpenBadges.JwtMediaType},", StringComparison.Ordinal)
                ? null
                : new CertificateVerification { Problem = $"The EnvelopedVerifiableCredential's id is not a 'data:{OpenBadges.JwtMediaType},' URL holding a JWT.", Format = OpenBadges.EnvelopedCredentialType };
        }

        var summary = new CertificateVerification { Credential = document, Format = "JSON-LD credential" };
        return document["proof"] is null
            ? summary with { Problem = "The credential has no proof: it is the unsigned JSON. Verify the JWT (.jwt) or the enveloped JSON the issuer handed out." }
            : summary with { Problem = $"The credential carries an embedded proof ({CredentialJson.Text(document, "proof.type") ?? "of unknown type"}), which this verifier does not check; verify its VC-JWT form." };
    }

    private static string JwtOfEnvelope(string json) =>
        CredentialJson.Text(JsonNode.Parse(json), "id")![($"data:{OpenBadges.JwtMediaType},").Length..];
}
