using AIStudio.Courses.Grading;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Courses;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// A course: summary, prerequisites, lessons (minutes, opened / completed, open in a notebook, mark done), assignments
/// (minutes, deadline and late policy, open, submit the saved copy, the latest feedback: score, tests, messages), the
/// certificate once earned, and links to the gradebooks of the organizations the caller grades.
/// </summary>
[AllowAnonymous]
public sealed class CourseModel(CallerResolver callers, CourseService courses, SubmissionService submissions, PlanService plans, HubDbContext db) : SignedInPageModel(callers)
{
    public CourseStanding Standing { get; private set; } = null!;

    /// <summary>The grading report of each assignment's latest submission.</summary>
    public IReadOnlyDictionary<string, GradingReport> Feedback { get; private set; } = new Dictionary<string, GradingReport>();

    public CourseCertificate? Certificate { get; private set; }

    /// <summary>Organizations whose gradebook the caller may read.</summary>
    public IReadOnlyList<string> Gradebooks { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string slug, string? done) => WithCallerAsync(async caller =>
    {
        Notice = done;
        await LoadAsync(caller, slug).ConfigureAwait(false);
        return Page();
    });

    public Task<IActionResult> OnPostEnrolAsync(string slug) => Act(slug, async caller =>
    {
        await courses.EnrolAsync(caller, slug, HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect($"/hub/courses/{slug}?done=Enrolled");
    });

    public Task<IActionResult> OnPostOpenLessonAsync(string slug, string item) => Act(slug, async caller =>
        Redirect("/notebooks/" + await courses.OpenLessonAsync(caller, slug, item, HttpContext.RequestAborted).ConfigureAwait(false)));

    public Task<IActionResult> OnPostOpenAssignmentAsync(string slug, string item) => Act(slug, async caller =>
        Redirect("/notebooks/" + await courses.OpenAssignmentAsync(caller, slug, item, HttpContext.RequestAborted).ConfigureAwait(false)));

    public Task<IActionResult> OnPostCompleteAsync(string slug, string item, bool completed) => Act(slug, async caller =>
    {
        await courses.CompleteLessonAsync(caller, slug, item, completed, HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect($"/hub/courses/{slug}");
    });

    /// <summary>Submits the learner's saved copy of the assignment (as #!submit does from the notebook).</summary>
    public Task<IActionResult> OnPostSubmitAsync(string slug, string item) => Act(slug, async caller =>
    {
        var course = (await courses.StandingAsync(caller, slug, HttpContext.RequestAborted).ConfigureAwait(false)).Course;
        var assignment = CourseLibrary.Assignment(course, item);
        var file = Path.Combine(plans.ContentsForReading(caller).RootDirectory, CourseService.StudentPath(course, assignment));
        if (!System.IO.File.Exists(file))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"You have no copy of '{assignment.Title}' yet: open it first, answer, save, then submit.");
        }

        await submissions.SubmitAsync(caller, slug, item, await System.IO.File.ReadAllBytesAsync(file, HttpContext.RequestAborted).ConfigureAwait(false), HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect($"/hub/courses/{slug}?done=Submitted: grading in the background");
    });

    private Task<IActionResult> Act(string slug, Func<Caller, Task<IActionResult>> action) => WithCallerAsync(async caller =>
    {
        try
        {
            return await action(caller).ConfigureAwait(false);
        }
        catch (HubApiException e) when (e.StatusCode != StatusCodes.Status404NotFound || slug.Length > 0)
        {
            Error = e.Message;
            Response.StatusCode = e.StatusCode;
            await LoadAsync(caller, slug).ConfigureAwait(false);
            return Page();
        }
    });

    private async Task LoadAsync(Caller caller, string slug)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Standing = await courses.StandingAsync(caller, slug, cancellationToken).ConfigureAwait(false);
        Feedback = Standing.Assignments.Where(a => a.Latest?.ReportJson is not null)
            .ToDictionary(a => a.Assignment.Id, a => GradingJson.Deserialize(a.Latest!.ReportJson!)!, StringComparer.Ordinal);
        Certificate = await db.CourseCertificates.AsNoTracking()
            .FirstOrDefaultAsync(c => c.UserId == caller.UserId && c.CourseSlug == slug && c.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        Gradebooks = [.. caller.CanEverywhere(Scopes.Grades)
            ? caller.Memberships.Select(m => m.Slug)
            : caller.OrganizationsAllowing(Scopes.Grades)];
    }
}
