using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Trusted public keys for offline verification, read from a single JWK, a JWK Set (<c>{"keys": [...]}</c>) or an
/// issuer document (<see cref="IssuerProfile.ToDocument"/>: <c>verificationMethod[].publicKeyJwk</c>).
/// </summary>
public sealed class CertificateKeySet : ICertificateKeySource
{
    private readonly string _source;

    /// <summary>A set of <paramref name="keys"/>; <paramref name="source"/> names where they came from in messages.</summary>
    public CertificateKeySet(IReadOnlyList<CertificatePublicKey> keys, string source = "the given keys")
    {
        Keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _source = source;
    }

    /// <summary>The keys.</summary>
    public IReadOnlyList<CertificatePublicKey> Keys { get; }

    /// <summary>
    /// Reads keys from JSON text (or the public half of a PEM private key, for an issuer checking its own certificates);
    /// throws <see cref="CertificateException"/> when it is none of these forms.
    /// </summary>
    public static CertificateKeySet Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            using var signingKey = CertificateSigningKey.FromPem(json);
            return new CertificateKeySet([signingKey.PublicKey], source);
        }

        JsonObject document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: CompactJws.StrictJson) as JsonObject
                ?? throw new CertificateException($"{source} is not a JSON object (a JWK, a JWK Set or an issuer document).");
        }
        catch (JsonException e)
        {
            throw new CertificateException($"{source} is not valid JSON: {e.Message}", e);
        }

        var keys = new List<CertificatePublicKey>();
        if (document["keys"] is JsonArray set)
        {
            keys.AddRange(set.OfType<JsonObject>().Select(CertificatePublicKey.FromJwk));
        }
        else if (document["verificationMethod"] is JsonArray methods)
        {
            foreach (var method in methods.OfType<JsonObject>())
            {
                if (method["publicKeyJwk"] is JsonObject jwk)
                {
                    var key = CertificatePublicKey.FromJwk(jwk);
                    var id = method["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : key.KeyId;
                    keys.Add(key.WithKeyId(id));
                }
            }
        }
        else if (document.ContainsKey("kty"))
        {
            keys.Add(CertificatePublicKey.FromJwk(document));
        }
        else
        {
            throw new CertificateException($"{source} holds no keys: expected a JWK (kty), a JWK Set (keys) or an issuer document (verificationMethod).");
        }

        return new CertificateKeySet(keys, source);
    }

    /// <summary>Reads keys from a file (see <see cref="Parse"/>).</summary>
    public static async Task<CertificateKeySet> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"Cannot read the key file {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task<CertificatePublicKey> FindKeyAsync(string kid, string issuerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(kid));

    /// <summary>The key <paramref name="kid"/> names; throws <see cref="CertificateException"/> (unknown kid) when none matches.</summary>
    public CertificatePublicKey Find(string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        return Keys.FirstOrDefault(k => k.Matches(kid))
            ?? throw new CertificateException($"Unknown kid '{kid}': no key with that id in {_source} (it has {(Keys.Count == 0 ? "no keys" : string.Join(", ", Keys.Select(k => k.KeyId ?? k.Thumbprint)))}).");
    }
}
