using AIStudio.Courses.Catalog;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The course catalog: the learning paths (children, students, professionals, experts), each with its courses in order, then any course no path includes.</summary>
[AllowAnonymous]
public sealed class CoursesModel(CallerResolver callers, CourseLibrary library) : SignedInPageModel(callers)
{
    public CourseCatalog Catalog { get; private set; } = CourseCatalog.Empty("", []);

    /// <summary>Courses that no path lists.</summary>
    public IReadOnlyList<Course> Others { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => WithCallerAsync(async _ =>
    {
        Catalog = await library.CatalogAsync().ConfigureAwait(false);
        var inPaths = Catalog.Paths.SelectMany(p => p.Courses).ToHashSet(StringComparer.Ordinal);
        Others = [.. Catalog.Courses.Where(c => !inPaths.Contains(c.Slug))];
        return Page();
    });

    /// <summary>Minutes as hours and minutes.</summary>
    public static string Duration(int minutes) => minutes >= 60 ? $"{minutes / 60} h {minutes % 60:00} min" : $"{minutes} min";
}
