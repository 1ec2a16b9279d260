using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Courses;

/// <summary>
/// <c>/hub/api/courses</c>: the catalog and paths, a course with the caller's standing, enrolment, opening lessons and
/// assignments (copied into the caller's files), lesson progress, submissions (graded in the background; read by their
/// learner and their instructors), re-grading, and organization gradebooks (JSON and CSV).
/// </summary>
public static class CourseEndpoints
{
    public const string Route = "/hub/api/courses";

    public static IEndpointRouteBuilder MapCoursesApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var limit = routes.ServiceProvider.GetRequiredService<CourseOptions>().SubmissionMaxBytes;

        routes.MapGet(Route, async (Caller caller, CourseLibrary library) =>
            Results.Json(CourseViews.Catalog(await library.CatalogAsync().ConfigureAwait(false))));

        routes.MapGet(Route + "/{slug}", async (string slug, Caller caller, CourseService courses, CancellationToken cancellationToken) =>
            Results.Json(CourseViews.Standing(await courses.StandingAsync(caller, slug, cancellationToken).ConfigureAwait(false))));

        routes.MapPost(Route + "/{slug}/enrolment", async (string slug, Caller caller, CourseService courses, CancellationToken cancellationToken) =>
        {
            var enrolment = await courses.EnrolAsync(caller, slug, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { course = enrolment.CourseSlug, enrolled_at = enrolment.EnrolledAt });
        });

        routes.MapPost(Route + "/{slug}/lessons/{lesson}/open", async (string slug, string lesson, Caller caller, CourseService courses, CancellationToken cancellationToken) =>
        {
            var path = await courses.OpenLessonAsync(caller, slug, lesson, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { path, url = "/notebooks/" + path });
        });

        routes.MapPut(Route + "/{slug}/lessons/{lesson}/progress", async (string slug, string lesson, HttpRequest request, Caller caller, CourseService courses, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var completed = body is { } b && b.TryGetProperty("completed", out var value) && value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                ? value.GetBoolean()
                : throw new HubApiException(StatusCodes.Status400BadRequest, "Send {\"completed\": true} or {\"completed\": false}.");
            var progress = await courses.CompleteLessonAsync(caller, slug, lesson, completed, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { lesson = progress.LessonId, opened_at = progress.OpenedAt, completed_at = progress.CompletedAt });
        });

        routes.MapPost(Route + "/{slug}/assignments/{assignment}/open", async (string slug, string assignment, Caller caller, CourseService courses, CancellationToken cancellationToken) =>
        {
            var path = await courses.OpenAssignmentAsync(caller, slug, assignment, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { path, url = "/notebooks/" + path });
        });

        routes.MapPost(Route + "/{slug}/assignments/{assignment}/submissions", async (string slug, string assignment, HttpRequest request, Caller caller, SubmissionService submissions, CancellationToken cancellationToken) =>
            {
                var notebook = await ReadLimitedAsync(request, limit, submissions, cancellationToken).ConfigureAwait(false);
                var submission = await submissions.SubmitAsync(caller, slug, assignment, notebook, cancellationToken).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location = submission.Url;
                return Results.Json(submission, statusCode: StatusCodes.Status202Accepted);
            })
            .WithMetadata(new RequestSizeLimitAttribute(limit + 1));

        routes.MapGet(Route + "/{slug}/assignments/{assignment}/submissions", async (string slug, string assignment, Caller caller, SubmissionService submissions, CancellationToken cancellationToken) =>
            Results.Json(await submissions.ListMineAsync(caller, slug, assignment, cancellationToken).ConfigureAwait(false)));

        routes.MapGet(Route + "/{slug}/assignments/{assignment}/submissions/{id}", async (string slug, string assignment, string id, Caller caller, SubmissionService submissions, CancellationToken cancellationToken) =>
            Results.Json(await submissions.GetAsync(caller, slug, assignment, id, cancellationToken).ConfigureAwait(false)));

        routes.MapPost(Route + "/{slug}/assignments/{assignment}/submissions/{id}/regrade", async (string slug, string assignment, string id, Caller caller, SubmissionService submissions, CancellationToken cancellationToken) =>
            Results.Json(await submissions.RegradeAsync(caller, slug, assignment, id, cancellationToken).ConfigureAwait(false), statusCode: StatusCodes.Status202Accepted));

        routes.MapPost(Route + "/{slug}/assignments/{assignment}/regrade", async (string slug, string assignment, Caller caller, SubmissionService submissions, CancellationToken cancellationToken) =>
            Results.Json(new { queued = await submissions.RegradeAllAsync(caller, slug, assignment, cancellationToken).ConfigureAwait(false) }, statusCode: StatusCodes.Status202Accepted));

        routes.MapGet("/hub/api/orgs/{org}/courses/{slug}/gradebook", async (string org, string slug, Caller caller, GradebookService gradebooks, CancellationToken cancellationToken) =>
            Results.Json(CourseViews.Gradebook(await gradebooks.GetAsync(caller, org, slug, cancellationToken).ConfigureAwait(false))));

        routes.MapGet("/hub/api/orgs/{org}/courses/{slug}/gradebook.csv", async (string org, string slug, Caller caller, GradebookService gradebooks, CancellationToken cancellationToken) =>
        {
            var gradebook = await gradebooks.GetAsync(caller, org, slug, cancellationToken).ConfigureAwait(false);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(gradebook.ToCsv()), "text/csv; charset=utf-8", $"gradebook-{gradebook.Organization}-{gradebook.Course.Slug}.csv");
        });
        return routes;
    }

    /// <summary>The request body, refused with 413 beyond <paramref name="limit"/> bytes (by Content-Length, or while reading).</summary>
    private static async Task<byte[]> ReadLimitedAsync(HttpRequest request, long limit, SubmissionService submissions, CancellationToken cancellationToken)
    {
        // Refused with the rest of the body unread: the client must not send its next request on this connection.
        request.HttpContext.Response.OnStarting(() =>
        {
            if (request.HttpContext.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                request.HttpContext.Response.Headers.Connection = "close";
            }

            return Task.CompletedTask;
        });
        if (request.ContentLength is { } length && length > limit)
        {
            throw submissions.TooLarge(length);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    throw submissions.TooLarge(buffer.Length);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw submissions.TooLarge(limit + 1);
        }

        return buffer.Length == 0
            ? throw new HubApiException(StatusCodes.Status400BadRequest, "No notebook: send the .ipynb file as the request body (Content-Type: application/x-ipynb+json).")
            : buffer.ToArray();
    }
}
