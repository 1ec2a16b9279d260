using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Courses;

/// <summary>
/// The course catalog the hub serves: loaded and validated once as the hub starts (every problem logged with its file
/// and line; a course with errors is still listed), then awaited by whoever needs it.
/// </summary>
public sealed partial class CourseLibrary(CourseOptions options, ILogger<CourseLibrary> logger) : IHostedService
{
    private readonly Lazy<Task<CourseCatalog>> _catalog = new(() => LoadAsync(options, logger));

    /// <summary>The catalog (loaded on first use, or as the hub starts).</summary>
    public Task<CourseCatalog> CatalogAsync() => _catalog.Value;

    /// <summary>The course with that slug; 404 when there is none.</summary>
    public async Task<Course> CourseAsync(string slug) =>
        (await CatalogAsync().ConfigureAwait(false)).Find(slug)
        ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No course '{slug}' on this hub.");

    /// <summary>The assignment <paramref name="id"/> of the course; 404 when it has none of that id.</summary>
    public static CourseItem Assignment(Course course, string id)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.Assignments.FirstOrDefault(a => a.Id == id)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"Course '{course.Slug}' has no assignment '{id}'.");
    }

    /// <summary>The lesson <paramref name="id"/> of the course; 404 when it has none of that id.</summary>
    public static CourseItem Lesson(Course course, string id)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.Lessons.FirstOrDefault(l => l.Id == id)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"Course '{course.Slug}' has no lesson '{id}'.");
    }

    /// <summary>Where a course item's notebook is on disk.</summary>
    public static string NotebookPath(Course course, CourseItem item)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(item);
        return Path.Combine(course.Directory, item.Notebook);
    }

    public async Task StartAsync(CancellationToken cancellationToken) => await CatalogAsync().ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<CourseCatalog> LoadAsync(CourseOptions options, ILogger logger)
    {
        if (options.CoursesDirectory is not { } directory)
        {
            LogNoCourses(logger);
            return CourseCatalog.Empty("", []);
        }

        var catalog = await CourseCatalog.LoadAsync(directory).ConfigureAwait(false);
        foreach (var problem in catalog.Problems)
        {
            if (problem.Severity == Severity.Error)
            {
                LogError(logger, problem.ToString());
            }
            else
            {
                LogWarning(logger, problem.ToString());
            }
        }

        var errors = catalog.Problems.Count(p => p.Severity == Severity.Error);
        LogLoaded(logger, catalog.Courses.Count, catalog.Paths.Count, directory, errors);
        return catalog;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Courses: {Courses} courses and {Paths} learning paths from {Directory} ({Errors} errors).")]
    private static partial void LogLoaded(ILogger logger, int courses, int paths, string directory, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Courses: no courses folder (set Hub:CoursesDirectory); the catalog is empty.")]
    private static partial void LogNoCourses(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course problem: {Problem}")]
    private static partial void LogError(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course problem: {Problem}")]
    private static partial void LogWarning(ILogger logger, string problem);
}
