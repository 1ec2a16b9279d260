using AIStudio.Courses.Catalog;
using AIStudio.Courses.Notebooks;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>A lesson to read: its notebook's markdown (Markdig, raw HTML disabled) and code, with "Open in notebook" and "Mark done".</summary>
[AllowAnonymous]
public sealed class LessonModel(CallerResolver callers, CourseLibrary library, CourseService courses, LessonRenderer renderer) : SignedInPageModel(callers)
{
    public Course Course { get; private set; } = null!;

    public CourseItem Lesson { get; private set; } = null!;

    /// <summary>The lesson as HTML, already made safe by <see cref="LessonRenderer"/>.</summary>
    public string Html { get; private set; } = "";

    public bool Completed { get; private set; }

    public Task<IActionResult> OnGetAsync(string slug, string lesson) => WithCallerAsync(async caller =>
    {
        Course = await library.CourseAsync(slug).ConfigureAwait(false);
        Lesson = CourseLibrary.Lesson(Course, lesson);
        var notebook = await Notebook.LoadAsync(CourseLibrary.NotebookPath(Course, Lesson), HttpContext.RequestAborted).ConfigureAwait(false);
        Html = renderer.Render(notebook);
        var standing = await courses.StandingAsync(caller, slug, HttpContext.RequestAborted).ConfigureAwait(false);
        Completed = standing.Lessons.GetValueOrDefault(Lesson.Id)?.CompletedAt is not null;
        return Page();
    });

    public Task<IActionResult> OnPostOpenAsync(string slug, string lesson) => WithCallerAsync(async caller =>
        Redirect("/notebooks/" + await courses.OpenLessonAsync(caller, slug, lesson, HttpContext.RequestAborted).ConfigureAwait(false)));

    public Task<IActionResult> OnPostCompleteAsync(string slug, string lesson, bool completed) => WithCallerAsync(async caller =>
    {
        await courses.CompleteLessonAsync(caller, slug, lesson, completed, HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect($"/hub/courses/{slug}/lessons/{lesson}");
    });
}
