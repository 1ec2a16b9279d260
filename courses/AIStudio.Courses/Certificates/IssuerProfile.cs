using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Who issues certificates: an Open Badges 3.0 <c>Profile</c>. <see cref="Id"/> is a URL (no fragment) where the hub
/// serves <see cref="ToDocument"/> — the profile with the public keys — so a verifier can dereference a certificate's
/// <c>kid</c> (<c>Id#THUMBPRINT</c>) to the key.
/// </summary>
public sealed record IssuerProfile
{
    /// <summary>The issuer's id: an absolute http(s) URL without a fragment, e.g. <c>https://hub.example/certificates/issuer</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The issuer's name, shown on certificates.</summary>
    public required string Name { get; init; }

    /// <summary>The issuer's home page, or null.</summary>
    public string? Url { get; init; }

    /// <summary>A contact address, or null.</summary>
    public string? Email { get; init; }

    /// <summary>A sentence about the issuer, or null.</summary>
    public string? Description { get; init; }

    /// <summary>A logo's URL, or null.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The key id of <paramref name="key"/> as certificates name it: <c>Id#THUMBPRINT</c>.</summary>
    public string KeyIdFor(CertificatePublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{Id}#{key.Thumbprint}";
    }

    /// <summary>Throws <see cref="CertificateException"/> when the profile cannot issue (missing name, id not an absolute URL or with a fragment).</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Id, UriKind.Absolute, out var id) || (id.Scheme != Uri.UriSchemeHttps && id.Scheme != Uri.UriSchemeHttp) || id.Fragment.Length > 0)
        {
            throw new CertificateException($"The issuer id '{Id}' must be an absolute http(s) URL without a fragment (the key ids are ISSUER#KEY).");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new CertificateException("The issuer needs a name.");
        }

        if (Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _))
        {
            throw new CertificateException($"The issuer url '{Url}' is not an absolute URL.");
        }
    }

    /// <summary>The <c>Profile</c> as it appears in a credential's <c>issuer</c>.</summary>
    public JsonObject ToJson()
    {
        var profile = new JsonObject
        {
            ["id"] = Id,
            ["type"] = new JsonArray("Profile"),
            ["name"] = Name,
        };
        Add(profile, "url", Url);
        Add(profile, "email", Email);
        Add(profile, "description", Description);
        if (ImageUrl is not null)
        {
            profile["image"] = new JsonObject { ["id"] = ImageUrl, ["type"] = "Image", ["caption"] = Name };
        }

        return profile;
    }

    /// <summary>
    /// The document to serve at <see cref="Id"/> (as <c>application/json</c>): the <c>Profile</c> with its JSON-LD context,
    /// each key as a <c>verificationMethod</c> (<c>JsonWebKey</c> with <c>publicKeyJwk</c>, id <c>Id#THUMBPRINT</c>)
    /// and the same keys as a JWK Set in <c>keys</c>, so that both VC tooling and plain JOSE libraries find them.
    /// List retired keys too as long as certificates they signed should verify.
    /// </summary>
    public JsonObject ToDocument(IEnumerable<CertificatePublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var document = new JsonObject { ["@context"] = new JsonArray([.. OpenBadges.Contexts.Select(c => (JsonNode)c)]) };
        foreach (var (name, value) in ToJson())
        {
            document[name] = value?.DeepClone();
        }

        var methods = new JsonArray();
        var set = new JsonArray();
        foreach (var key in keys)
        {
            var named = key.WithKeyId(KeyIdFor(key));
            methods.Add(new JsonObject
            {
                ["id"] = named.KeyId,
                ["type"] = "JsonWebKey",
                ["controller"] = Id,
                ["publicKeyJwk"] = named.ToJwk(),
            });
            set.Add(named.ToJwk());
        }

        document["verificationMethod"] = methods;
        document["keys"] = set;
        return document;
    }

    private static void Add(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }
}
