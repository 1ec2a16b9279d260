using AIStudio.Hub.Auth;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The signed-in learner's certificates, newest first: course, score, date, whether revoked, a page and a download each.</summary>
[AllowAnonymous]
public sealed class CertificatesModel(CallerResolver callers, CertificateService certificates, CourseLibrary library) : SignedInPageModel(callers)
{
    public IReadOnlyList<CertificateModel> Certificates { get; private set; } = [];

    /// <summary>Course titles by slug (a course no longer published shows its slug).</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    public Task<IActionResult> OnGetAsync() => WithCallerAsync(async caller =>
    {
        Certificates = await certificates.ListAsync(caller, HttpContext.RequestAborted).ConfigureAwait(false);
        var catalog = await library.CatalogAsync().ConfigureAwait(false);
        Titles = catalog.Courses.ToDictionary(c => c.Slug, c => c.Title, StringComparer.Ordinal);
        return Page();
    });

    public string Title(string slug) => Titles.TryGetValue(slug, out var title) ? title : slug;
}
