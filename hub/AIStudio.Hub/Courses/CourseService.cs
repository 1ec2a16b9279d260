using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Courses.Catalog;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Data;
using AIStudio.Hub.Plans;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Courses;

/// <summary>
/// A learner's side of a course: enrolment (idempotent), opening a lesson (its notebook copied into their files at
/// <c>courses/{course}/lessons/{file}</c> once; a copy already there, edited or not, is opened as it is), opening an
/// assignment (its student version released to <c>courses/{course}/{assignment}/{assignment}.ipynb</c>, nbgrader's
/// layout, once), and marking lessons complete. Opening enrols. Copies go through the contents store, so the plan's
/// storage and project limits apply.
/// </summary>
public sealed class CourseService(HubDbContext db, CourseLibrary library, CourseOptions options, PlanService plans, TimeProvider time)
{
    /// <summary>Enrols the caller (once; enrolling again changes nothing) and returns the enrolment.</summary>
    public async Task<Enrolment> EnrolAsync(Caller caller, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Contents, caller.Self);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var existing = await db.Enrolments.FirstOrDefaultAsync(e => e.UserId == caller.UserId && e.CourseSlug == course.Slug, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var enrolment = new Enrolment { UserId = caller.UserId, CourseSlug = course.Slug, EnrolledAt = Instants.Now(time) };
        db.Enrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return enrolment;
        }
        catch (DbUpdateException)
        {
            // Enrolled at the same moment by another request: that enrolment stands.
            db.ChangeTracker.Clear();
            return await db.Enrolments.FirstAsync(e => e.UserId == caller.UserId && e.CourseSlug == course.Slug, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The caller's standing in a course.</summary>
    public async Task<CourseStanding> StandingAsync(Caller caller, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        return await CourseStanding.LoadAsync(db, options, course, caller.UserId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a lesson: enrols, copies the notebook unless the learner has it, records it opened; the contents path.</summary>
    public async Task<string> OpenLessonAsync(Caller caller, string slug, string lessonId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var lesson = CourseLibrary.Lesson(course, lessonId);
        await EnrolAsync(caller, slug, cancellationToken).ConfigureAwait(false);
        var path = $"courses/{course.Slug}/{lesson.Notebook}";
        await CopyOnceAsync(caller, path, async () => await File.ReadAllBytesAsync(CourseLibrary.NotebookPath(course, lesson), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var progress = await ProgressAsync(caller, course, lesson, cancellationToken).ConfigureAwait(false);
        if (progress.OpenedAt == default)
        {
            progress.OpenedAt = Instants.Now(time);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Marks a lesson complete (or not); opening is recorded too.</summary>
    public async Task<LessonProgress> CompleteLessonAsync(Caller caller, string slug, string lessonId, bool completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Contents, caller.Self);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var lesson = CourseLibrary.Lesson(course, lessonId);
        await EnrolAsync(caller, slug, cancellationToken).ConfigureAwait(false);
        var progress = await ProgressAsync(caller, course, lesson, cancellationToken).ConfigureAwait(false);
        var now = Instants.Now(time);
        progress.OpenedAt = progress.OpenedAt == default ? now : progress.OpenedAt;
        progress.CompletedAt = completed ? progress.CompletedAt ?? now : null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return progress;
    }

    /// <summary>Opens an assignment: enrols and releases the student version into the learner's files unless there; the contents path.</summary>
    public async Task<string> OpenAssignmentAsync(Caller caller, string slug, string assignmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var assignment = CourseLibrary.Assignment(course, assignmentId);
        await EnrolAsync(caller, slug, cancellationToken).ConfigureAwait(false);
        var path = StudentPath(course, assignment);
        await CopyOnceAsync(caller, path, async () =>
        {
            var source = await Notebook.LoadAsync(CourseLibrary.NotebookPath(course, assignment), cancellationToken).ConfigureAwait(false);
            var student = AssignmentReleaser.Release(source);

            // #!submit reads where to send the notebook from here.
            student.Metadata["aistudio"] = new JsonObject { ["course"] = course.Slug, ["assignment"] = assignment.Id };
            return student.ToUtf8Bytes();
        }, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Where an assignment's student version goes in the learner's files.</summary>
    public static string StudentPath(Course course, CourseItem assignment)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(assignment);
        return $"courses/{course.Slug}/{assignment.Id}/{assignment.Id}.ipynb";
    }

    private async Task<LessonProgress> ProgressAsync(Caller caller, Course course, CourseItem lesson, CancellationToken cancellationToken)
    {
        var progress = await db.LessonProgress.FirstOrDefaultAsync(p => p.UserId == caller.UserId && p.CourseSlug == course.Slug && p.LessonId == lesson.Id, cancellationToken).ConfigureAwait(false);
        if (progress is null)
        {
            progress = new LessonProgress { UserId = caller.UserId, CourseSlug = course.Slug, LessonId = lesson.Id };
            db.LessonProgress.Add(progress);
        }

        return progress;
    }

    private async Task CopyOnceAsync(Caller caller, string path, Func<Task<byte[]>> notebook, CancellationToken cancellationToken)
    {
        caller.Require(Scopes.Contents, caller.Self);
        var store = await plans.ContentsAsync(caller, cancellationToken).ConfigureAwait(false);
        if (File.Exists(Path.Combine(store.RootDirectory, path)))
        {
            return;
        }

        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var directory = string.Join('/', segments[..i]);
            if (!Directory.Exists(Path.Combine(store.RootDirectory, directory)))
            {
                store.Save(directory, JsonSerializer.SerializeToElement(new { type = "directory" }));
            }
        }

        using var content = JsonDocument.Parse(await notebook().ConfigureAwait(false));
        store.Save(path, JsonSerializer.SerializeToElement(new { type = "notebook", content = content.RootElement }));
    }
}
