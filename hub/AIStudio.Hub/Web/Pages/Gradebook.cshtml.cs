using AIStudio.Hub.Auth;
using AIStudio.Hub.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>An organization's gradebook for a course (its instructors, admins and owners): learners × assignments, best and latest score, CSV export, re-grade.</summary>
[AllowAnonymous]
public sealed class GradebookModel(CallerResolver callers, GradebookService gradebooks, SubmissionService submissions) : SignedInPageModel(callers)
{
    public Gradebook Book { get; private set; } = null!;

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string slug, string org, string? done) => WithCallerAsync(async caller =>
    {
        Notice = done;
        Book = await gradebooks.GetAsync(caller, org, slug, HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    });

    public Task<IActionResult> OnPostRegradeAsync(string slug, string org, string assignment) => WithCallerAsync(async caller =>
    {
        await gradebooks.GetAsync(caller, org, slug, HttpContext.RequestAborted).ConfigureAwait(false);
        var queued = await submissions.RegradeAllAsync(caller, slug, assignment, HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect($"/hub/courses/{slug}/gradebook/{org}?done={queued} submissions queued for re-grading");
    });
}
