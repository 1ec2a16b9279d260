using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// Online verification: dereferences the JWS <c>kid</c> (<c>ISSUER_ID#THUMBPRINT</c>) by fetching the document at its
/// URL — which must be the credential's <c>issuer.id</c> or on the same origin, so a key published elsewhere cannot
/// speak for the issuer — and finds the key in it (an issuer document, a JWK Set or a JWK). HTTPS only, except plain
/// HTTP to a loopback host (a hub under test, a local hub).
/// </summary>
public sealed class HttpCertificateKeySource : ICertificateKeySource
{
    private const int MaximumBytes = 1 << 20;

    private readonly HttpClient _http;

    /// <summary>A source that fetches with <paramref name="http"/> (give it a timeout; the caller owns it).</summary>
    public HttpCertificateKeySource(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <inheritdoc />
    public async Task<CertificatePublicKey> FindKeyAsync(string kid, string issuerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kid);
        ArgumentNullException.ThrowIfNull(issuerId);
        if (!Uri.TryCreate(issuerId, UriKind.Absolute, out var issuer))
        {
            throw new CertificateException($"The issuer id '{issuerId}' is not a URL: there is nowhere to fetch its key from.");
        }

        var document = Uri.TryCreate(kid, UriKind.Absolute, out var kidUrl)
            ? new UriBuilder(kidUrl) { Fragment = "" }.Uri
            : issuer;
        if (Uri.Compare(document, issuer, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new CertificateException($"The kid '{kid}' is not published by the issuer: its origin differs from issuer.id '{issuerId}'.");
        }

        var loopback = document.IsLoopback || (IPAddress.TryParse(document.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (document.Scheme != Uri.UriSchemeHttps && !(document.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new CertificateException($"Refusing to fetch the issuer's key from {document}: only https is allowed (http only to a loopback host).");
        }

        string text;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, document);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwk-set+json"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CertificateException($"The issuer's document {document} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            text = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CertificateException($"Cannot fetch the issuer's document {document}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CertificateException($"Fetching the issuer's document {document} timed out.", e);
        }

        return CertificateKeySet.Parse(text, document.ToString()).Find(kid);
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaximumBytes)
                {
                    throw new CertificateException($"The issuer's document is larger than {MaximumBytes / 1024} KiB.");
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
