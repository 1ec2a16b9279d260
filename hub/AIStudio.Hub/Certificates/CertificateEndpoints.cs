using AIStudio.Hub.Auth;

namespace AIStudio.Hub.Certificates;

/// <summary>
/// Certificates: the issuer document at the issuer's id (public: verifiers fetch the key from it), a learner's
/// certificates (<c>GET /hub/api/certificates</c>, newest first), one certificate (<c>GET /hub/api/certificates/{id}</c>, and <c>/download</c> as a JSON file: the VC-JWT in an
/// <c>EnvelopedVerifiableCredential</c>), revocation by the learner's instructors (<c>POST …/{id}/revoke</c>), and online verification (<c>POST /hub/api/certificates/verify</c>, public; revoked certificates fail).
/// </summary>
public static class CertificateEndpoints
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(CertificateKeys.IssuerPath, async (CertificateKeys keys, CancellationToken cancellationToken) =>
        {
            var key = await keys.KeyAsync(cancellationToken).ConfigureAwait(false);
            return Results.Text(keys.Profile.ToDocument([key.PublicKey]).ToJsonString(), "application/json");
        }).AllowAnonymous();

        routes.MapGet("/hub/api/certificates", async (Caller caller, CertificateService certificates, CancellationToken cancellationToken) =>
            Results.Json(await certificates.ListAsync(caller, cancellationToken).ConfigureAwait(false)));

        routes.MapGet("/hub/api/certificates/{id}", async (string id, Caller caller, CertificateService certificates, CancellationToken cancellationToken) =>
            Results.Json(await certificates.GetAsync(caller, id, cancellationToken).ConfigureAwait(false)));

        routes.MapGet("/hub/api/certificates/{id}/download", async (string id, Caller caller, CertificateService certificates, CancellationToken cancellationToken) =>
        {
            var certificate = await certificates.GetAsync(caller, id, cancellationToken).ConfigureAwait(false);
            var enveloped = new AIStudio.Courses.Certificates.IssuedCertificate(certificate.Credential, certificate.Jwt)
                .ToFileText(AIStudio.Courses.Certificates.CertificateFileFormat.Json);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(enveloped), "application/json", $"certificate-{certificate.Course}.json");
        });

        routes.MapPost("/hub/api/certificates/{id}/revoke", async (string id, Caller caller, CertificateService certificates, Courses.SubmissionService grading, CancellationToken cancellationToken) =>
            Results.Json(await certificates.RevokeAsync(caller, grading, id, cancellationToken).ConfigureAwait(false)));

        routes.MapPost("/hub/api/certificates/verify", async (HttpRequest request, CertificateService certificates, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var verification = await certificates.VerifyAsync(text, cancellationToken).ConfigureAwait(false);
            return Results.Text(verification.ToJson().ToJsonString(), "application/json");
        }).AllowAnonymous().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1 << 20));
        return routes;
    }
}
