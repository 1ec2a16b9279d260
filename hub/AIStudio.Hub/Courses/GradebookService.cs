using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Courses;

/// <summary>
/// Gradebooks: for an organization and a course, every member enrolled in the course and their scores. Needs
/// <c>grades</c> on the organization (its instructors, admins and owners; hub administrators); anyone else gets 404, as
/// for another tenant's things.
/// </summary>
public sealed class GradebookService(HubDbContext db, CourseLibrary library, CourseOptions options)
{
    public async Task<Gradebook> GetAsync(Caller caller, string organization, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == organization, cancellationToken).ConfigureAwait(false);
        if (org is null || !caller.Can(Scopes.Grades, ScopeTarget.Organization(org.Slug)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No organization '{organization}' whose gradebook you may read.");
        }

        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var learners = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == org.Id)
            .Join(db.Enrolments.Where(e => e.CourseSlug == course.Slug), m => m.UserId, e => e.UserId, (m, e) => e)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { Enrolment = e, u.UserName, u.Email })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = learners.Select(l => l.Enrolment.UserId).ToList();
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.CourseSlug == course.Slug && ids.Contains(s.UserId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var certificates = await db.CourseCertificates.AsNoTracking().Where(c => c.CourseSlug == course.Slug && c.RevokedAt == null && ids.Contains(c.UserId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = learners.OrderBy(l => l.UserName, StringComparer.Ordinal).Select(l =>
        {
            var theirs = submissions.Where(s => s.UserId == l.Enrolment.UserId).ToList();
            var standing = CourseStanding.From(course, options, l.Enrolment, [], theirs);
            var counts = theirs.GroupBy(s => s.AssignmentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new GradebookRow(l.UserName!, l.Email, standing, counts, certificates.FirstOrDefault(c => c.UserId == l.Enrolment.UserId)?.Id);
        }).ToList();
        return new Gradebook(course, org.Slug, rows);
    }
}
