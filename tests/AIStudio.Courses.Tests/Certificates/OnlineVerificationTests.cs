using AIStudio.Courses.Certificates;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary>Online verification: the key is fetched from the issuer's document at issuer.id, over loopback HTTP here.</summary>
public sealed class OnlineVerificationTests
{
    private const string IssuerPath = "/certificates/issuer";

    [Fact]
    public async Task The_key_is_fetched_from_the_issuer_document_and_the_certificate_verifies()
    {
        IssuerProfile? issuer = null;
        await using var server = new IssuerDocumentServer(IssuerPath, () => issuer!.ToDocument([CertificateFixtures.OtherRsaKey.PublicKey, CertificateFixtures.RsaKey.PublicKey]).ToJsonString());
        issuer = CertificateFixtures.Issuer(server.BaseUrl + IssuerPath);
        var issued = CertificateFixtures.Issue(issuer: issuer);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var result = await new CertificateVerifier(new HttpCertificateKeySource(http)).VerifyAsync(issued.Jwt);

        Assert.Null(result.Problem);
        Assert.Equal(1, server.Requests);

        var tampered = CertificateFixtures.TamperPayload(issued.Jwt, p => p["name"] = "Forged");
        Assert.StartsWith("The signature does not verify", (await new CertificateVerifier(new HttpCertificateKeySource(http)).VerifyAsync(tampered)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_missing_from_the_issuer_document_is_an_unknown_kid()
    {
        IssuerProfile? issuer = null;
        await using var server = new IssuerDocumentServer(IssuerPath, () => issuer!.ToDocument([CertificateFixtures.OtherRsaKey.PublicKey]).ToJsonString());
        issuer = CertificateFixtures.Issuer(server.BaseUrl + IssuerPath);
        var issued = CertificateFixtures.Issue(issuer: issuer);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var result = await new CertificateVerifier(new HttpCertificateKeySource(http)).VerifyAsync(issued.Jwt);

        Assert.StartsWith($"Unknown kid '{issuer.Id}#{CertificateFixtures.RsaKey.Thumbprint}': no key with that id in {server.BaseUrl}{IssuerPath}", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issuer_document_that_is_not_there_is_reported_with_the_status()
    {
        await using var server = new IssuerDocumentServer("/elsewhere", () => "{}");
        var issued = CertificateFixtures.Issue(issuer: CertificateFixtures.Issuer(server.BaseUrl + IssuerPath));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var result = await new CertificateVerifier(new HttpCertificateKeySource(http)).VerifyAsync(issued.Jwt);

        Assert.Equal($"The issuer's document {server.BaseUrl}{IssuerPath} answered 404 Not Found.", result.Problem);
    }

    [Fact]
    public async Task Plain_http_off_loopback_and_keys_on_another_origin_are_refused_before_any_request()
    {
        using var http = new HttpClient(new RefusingHandler());
        var source = new HttpCertificateKeySource(http);

        var plain = await Assert.ThrowsAsync<CertificateException>(() => source.FindKeyAsync("http://hub.example/issuer#k", "http://hub.example/issuer"));
        Assert.Equal("Refusing to fetch the issuer's key from http://hub.example/issuer: only https is allowed (http only to a loopback host).", plain.Message);

        var elsewhere = await Assert.ThrowsAsync<CertificateException>(() => source.FindKeyAsync("https://evil.example/keys#k", "https://hub.example/issuer"));
        Assert.Equal("The kid 'https://evil.example/keys#k' is not published by the issuer: its origin differs from issuer.id 'https://hub.example/issuer'.", elsewhere.Message);

        // A certificate whose kid points at an attacker's key fails the same way through the verifier.
        var forged = CertificateFixtures.ReplaceHeader(CertificateFixtures.Issue().Jwt, new System.Text.Json.Nodes.JsonObject { ["alg"] = "RS256", ["kid"] = "https://evil.example/keys#k" });
        Assert.StartsWith("The kid 'https://evil.example/keys#k' is not published by the issuer", (await new CertificateVerifier(source).VerifyAsync(forged)).Problem, StringComparison.Ordinal);
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"No request may be made, but one went to {request.RequestUri}.");
    }
}
