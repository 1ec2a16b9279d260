using System.Text;
using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;
using AIStudio.Hub.Courses;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Certificates;

/// <summary>
/// Course certificates: issued (once per learner and course) when every graded assignment of the course has a best
/// submission at the pass mark, as an Open Badges 3.0 <c>OpenBadgeCredential</c> signed as a VC-JWT (RS256) with the hub's
/// key; read by their learner (anyone else: 404); verified with <see cref="CertificateVerifier"/> against the hub's own key,
/// and refused when the hub revoked them.
/// </summary>
public sealed class CertificateService(HubDbContext db, CertificateKeys keys, CourseLibrary library, CourseOptions options, TimeProvider time)
{
    /// <summary>Issues the learner's certificate for the course when they completed it and have none yet; the certificate or null.</summary>
    public async Task<CourseCertificate?> IssueIfCompletedAsync(string userId, string slug, CancellationToken cancellationToken)
    {
        var existing = await db.CourseCertificates.FirstOrDefaultAsync(c => c.UserId == userId && c.CourseSlug == slug && c.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var standing = await CourseStanding.LoadAsync(db, options, course, userId, cancellationToken).ConfigureAwait(false);
        if (!standing.Completed)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        var key = await keys.KeyAsync(cancellationToken).ConfigureAwait(false);
        var profile = keys.Profile;
        var issuer = new CertificateIssuer(profile, key, time);
        var issued = issuer.Issue(new CertificateRequest
        {
            Achievement = CertificateAchievement.FromCourse(course, $"{keys.PublicUrl}/hub/courses/{course.Slug}"),
            Recipient = new CertificateRecipient { Name = user.UserName!, Email = user.Email },
            Score = standing.Score,
            Salt = RecipientIdentity.NewSalt(),
        });
        var certificate = new CourseCertificate
        {
            Id = issued.Id,
            UserId = userId,
            CourseSlug = slug,
            Score = standing.Score,
            IssuedAt = Courses.Instants.Now(time),
            Jwt = issued.Jwt,
        };
        db.CourseCertificates.Add(certificate);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return certificate;
    }

    /// <summary>The caller's certificates, newest first (revoked ones included, marked so).</summary>
    public async Task<IReadOnlyList<CertificateModel>> ListAsync(Auth.Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await db.CourseCertificates.AsNoTracking().Where(c => c.UserId == caller.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.OrderByDescending(c => c.IssuedAt).Select(c => Model(c, caller.UserName))];
    }

    /// <summary>A certificate of the caller's; 404 for anyone else's.</summary>
    public async Task<CertificateModel> GetAsync(Auth.Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await db.CourseCertificates.AsNoTracking().Where(c => c.Id == id && c.UserId == caller.UserId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No certificate '{id}'.");
        return Model(found, caller.UserName);
    }

    /// <summary>Revokes a certificate (needs <c>grades</c> on its learner; 404 otherwise); verification refuses it from then on.</summary>
    public async Task<CertificateModel> RevokeAsync(Auth.Caller caller, SubmissionService grading, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grading);
        var found = await db.CourseCertificates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (found is null || !await grading.MayGradeAsync(caller, found.UserId, cancellationToken).ConfigureAwait(false))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No certificate '{id}'.");
        }

        found.RevokedAt ??= Courses.Instants.Now(time);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == found.UserId).Select(u => u.UserName).FirstAsync(cancellationToken).ConfigureAwait(false);
        return Model(found, owner!);
    }

    /// <summary>Verifies a certificate (a VC-JWT, or the enveloped JSON) against this hub's key; revoked ones fail.</summary>
    public async Task<CertificateVerification> VerifyAsync(string certificate, CancellationToken cancellationToken)
    {
        var key = await keys.KeyAsync(cancellationToken).ConfigureAwait(false);
        var trusted = CertificateKeySet.Parse(keys.Profile.ToDocument([key.PublicKey]).ToJsonString(), "this hub's issuer document");
        var verification = await new CertificateVerifier(trusted, time).VerifyAsync(certificate, cancellationToken).ConfigureAwait(false);
        if (verification.IsValid && verification.CredentialId is { } id
            && await db.CourseCertificates.AsNoTracking().AnyAsync(c => c.Id == id && c.RevokedAt != null, cancellationToken).ConfigureAwait(false))
        {
            return verification with { Problem = "The certificate was revoked by its issuer." };
        }

        return verification;
    }

    /// <summary>The API form of a certificate.</summary>
    public static CertificateModel Model(CourseCertificate certificate, string userName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateModel(certificate.Id, certificate.CourseSlug, userName, certificate.Score, certificate.IssuedAt, certificate.RevokedAt,
            certificate.Jwt, CredentialOf(certificate.Jwt), $"/hub/api/certificates/{Uri.EscapeDataString(certificate.Id)}/download");
    }

    /// <summary>The credential in a VC-JWT's payload (the JWT claims included).</summary>
    public static JsonObject CredentialOf(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
    }
}
