using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>A compact JWS (RFC 7515 §7.1) split into its parts: header, payload and signature, each decoded, plus the signed text.</summary>
internal sealed record CompactJws(JsonObject Header, JsonObject Payload, byte[] Signature, string SigningInput)
{
    /// <summary>JSON as a signed document must be: duplicate member names refused (which one would count?).</summary>
    public static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    /// <summary>Signs <paramref name="payload"/> under <paramref name="header"/>: BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature).</summary>
    public static string Sign(JsonObject header, JsonObject payload, CertificateSigningKey key)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Splits and decodes a compact JWS; throws <see cref="CertificateException"/> naming the part that is malformed.</summary>
    public static CompactJws Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new CertificateException($"Not a compact JWS: it has {parts.Length} part(s) separated by '.', a JWS has 3 (header.payload.signature).");
        }

        var header = DecodeObject(parts[0], "JOSE header");
        var payload = DecodeObject(parts[1], "JWT payload");
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException e)
        {
            throw new CertificateException("The JWS signature is not base64url.", e);
        }

        return new CompactJws(header, payload, signature, parts[0] + "." + parts[1]);
    }

    private static string Encode(JsonObject value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value.ToJsonString()));

    private static JsonObject DecodeObject(string part, string what)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
        }
        catch (FormatException e)
        {
            throw new CertificateException($"The {what} is not base64url.", e);
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: StrictJson) as JsonObject ?? throw new CertificateException($"The {what} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CertificateException($"The {what} is not valid JSON: {e.Message}", e);
        }
    }
}
