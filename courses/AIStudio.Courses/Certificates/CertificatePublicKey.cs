using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// A public key that verifies certificates, as a JSON Web Key (RFC 7517): RSA (2048 bits or more) for RS256, or EC P-256
/// for ES256. Its <see cref="Thumbprint"/> (RFC 7638) names it in a key id.
/// </summary>
public sealed class CertificatePublicKey
{
    private const int MinimumRsaBits = 2048;

    private CertificatePublicKey(CertificateKeyAlgorithm algorithm, string? keyId, byte[] first, byte[] second)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        First = first;
        Second = second;
        Thumbprint = ComputeThumbprint();
    }

    /// <summary>The algorithm this key verifies: RS256 for an RSA key, ES256 for a P-256 key.</summary>
    public CertificateKeyAlgorithm Algorithm { get; }

    /// <summary>The JWK's <c>kid</c>, or null when it has none.</summary>
    public string? KeyId { get; }

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url) of the key.</summary>
    public string Thumbprint { get; }

    /// <summary>RSA modulus or EC x coordinate.</summary>
    private byte[] First { get; }

    /// <summary>RSA exponent or EC y coordinate.</summary>
    private byte[] Second { get; }

    /// <summary>The public part of an RSA key.</summary>
    public static CertificatePublicKey FromRsa(RSAParameters parameters, string? keyId = null) =>
        new(CertificateKeyAlgorithm.RS256, keyId, parameters.Modulus ?? throw new ArgumentException("No modulus.", nameof(parameters)), parameters.Exponent ?? throw new ArgumentException("No exponent.", nameof(parameters)));

    /// <summary>The public part of a P-256 key.</summary>
    public static CertificatePublicKey FromEc(ECParameters parameters, string? keyId = null) =>
        new(CertificateKeyAlgorithm.ES256, keyId, parameters.Q.X ?? throw new ArgumentException("No x.", nameof(parameters)), parameters.Q.Y ?? throw new ArgumentException("No y.", nameof(parameters)));

    /// <summary>Reads a public JWK; throws <see cref="CertificateException"/> saying what is wrong with it.</summary>
    public static CertificatePublicKey FromJwk(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (jwk.ContainsKey("d"))
        {
            throw new CertificateException("The JWK holds a private key ('d'); give the public key only.");
        }

        var keyId = Text(jwk, "kid");
        var keyType = Text(jwk, "kty");
        if (Text(jwk, "alg") is { } alg && alg != "RS256" && alg != "ES256")
        {
            throw new CertificateException($"The JWK{Named(keyId)} is for alg '{alg}'; certificates use RS256 or ES256.");
        }

        switch (keyType)
        {
            case "RSA":
                var modulus = Bytes(jwk, "n", keyId);
                var rsa = new CertificatePublicKey(CertificateKeyAlgorithm.RS256, keyId, TrimLeadingZeros(modulus), Bytes(jwk, "e", keyId));
                if (rsa.RsaBits < MinimumRsaBits)
                {
                    throw new CertificateException($"The RSA JWK{Named(keyId)} has {rsa.RsaBits} bits; at least {MinimumRsaBits} are required.");
                }

                return rsa;
            case "EC":
                if (Text(jwk, "crv") != "P-256")
                {
                    throw new CertificateException($"The EC JWK{Named(keyId)} is on curve '{Text(jwk, "crv")}'; only P-256 (ES256) is supported.");
                }

                var x = Bytes(jwk, "x", keyId);
                var y = Bytes(jwk, "y", keyId);
                if (x.Length != 32 || y.Length != 32)
                {
                    throw new CertificateException($"The EC JWK{Named(keyId)} has coordinates of {x.Length} and {y.Length} bytes; P-256 needs 32.");
                }

                return new CertificatePublicKey(CertificateKeyAlgorithm.ES256, keyId, x, y);
            case null:
                throw new CertificateException($"The JWK{Named(keyId)} has no 'kty'.");
            default:
                throw new CertificateException($"The JWK{Named(keyId)} has kty '{keyType}'; only RSA and EC keys are supported.");
        }
    }

    /// <summary>The same key under another <c>kid</c>.</summary>
    public CertificatePublicKey WithKeyId(string? keyId) => new(Algorithm, keyId, First, Second);

    /// <summary>The public JWK: kty, its key members, <c>alg</c>, <c>use</c> sig and (when set) <c>kid</c>; never a private member.</summary>
    public JsonObject ToJwk()
    {
        var jwk = Algorithm == CertificateKeyAlgorithm.RS256
            ? new JsonObject { ["kty"] = "RSA", ["n"] = Base64Url.EncodeToString(First), ["e"] = Base64Url.EncodeToString(Second) }
            : new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(First), ["y"] = Base64Url.EncodeToString(Second) };
        jwk["alg"] = Algorithm.ToString();
        jwk["use"] = "sig";
        if (KeyId is not null)
        {
            jwk["kid"] = KeyId;
        }

        return jwk;
    }

    /// <summary>
    /// Whether this key is the one a JWS header's <c>kid</c> names: its own kid equals the kid or the kid's fragment
    /// (<c>https://issuer#KEY</c>), or its thumbprint equals the kid's fragment.
    /// </summary>
    public bool Matches(string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? kid[(hash + 1)..] : kid;
        return KeyId == kid || KeyId == fragment || Thumbprint == fragment;
    }

    /// <summary>Whether <paramref name="signature"/> is this key's JWS signature of <paramref name="data"/> under <paramref name="algorithm"/>.</summary>
    public bool Verify(CertificateKeyAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (algorithm != Algorithm)
        {
            return false;
        }

        if (Algorithm == CertificateKeyAlgorithm.RS256)
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = First, Exponent = Second });
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = First, Y = Second } });
        return ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private int RsaBits => First.Length * 8 - (First.Length == 0 ? 0 : byte.LeadingZeroCount(First[0]));

    private string ComputeThumbprint()
    {
        // RFC 7638: the required members in lexicographic order, no whitespace; base64url values need no escaping.
        var canonical = Algorithm == CertificateKeyAlgorithm.RS256
            ? $"{{\"e\":\"{Base64Url.EncodeToString(Second)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.EncodeToString(First)}\"}}"
            : $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(First)}\",\"y\":\"{Base64Url.EncodeToString(Second)}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    private static string Named(string? keyId) => keyId is null ? "" : $" '{keyId}'";

    private static string? Text(JsonObject jwk, string name) =>
        jwk[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static byte[] Bytes(JsonObject jwk, string name, string? keyId)
    {
        var text = Text(jwk, name) ?? throw new CertificateException($"The JWK{Named(keyId)} has no '{name}'.");
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException e)
        {
            throw new CertificateException($"The JWK{Named(keyId)} member '{name}' is not base64url.", e);
        }
    }
}
