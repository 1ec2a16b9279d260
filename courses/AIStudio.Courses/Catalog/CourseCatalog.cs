using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Catalog;

/// <summary>
/// A courses folder loaded for serving: every course whose course.yml reads (in folder order), the learning paths of
/// paths.yml, and the problems <see cref="CourseValidator"/> finds. A course with errors is still listed when its
/// course.yml could be read; the problems say what to fix.
/// </summary>
public sealed class CourseCatalog
{
    private readonly Dictionary<string, Course> _bySlug;

    private CourseCatalog(string directory, IReadOnlyList<Course> courses, IReadOnlyList<LearningPath> paths, IReadOnlyList<ValidationProblem> problems)
    {
        Directory = directory;
        Courses = courses;
        Paths = paths;
        Problems = problems;
        _bySlug = courses.Where(c => c.Slug.Length > 0).GroupBy(c => c.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The courses folder (absolute).</summary>
    public string Directory { get; }

    public IReadOnlyList<Course> Courses { get; }

    public IReadOnlyList<LearningPath> Paths { get; }

    /// <summary>Everything the validator reported, errors and warnings.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>An empty catalog (no courses folder).</summary>
    public static CourseCatalog Empty(string directory, IReadOnlyList<ValidationProblem> problems) => new(directory, [], [], problems);

    /// <summary>The course with that slug, or null.</summary>
    public Course? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>Loads and validates <paramref name="coursesDirectory"/>.</summary>
    public static async Task<CourseCatalog> LoadAsync(string coursesDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coursesDirectory);
        var directory = Path.GetFullPath(coursesDirectory);
        var problems = await CourseValidator.ValidateAsync(directory, cancellationToken).ConfigureAwait(false);
        if (!System.IO.Directory.Exists(directory))
        {
            return Empty(directory, problems);
        }

        // The validator has reported everything; reading again only builds the model (its problems are the same ones).
        var ignored = new List<ValidationProblem>();
        var courses = new List<Course>();
        foreach (var folder in System.IO.Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, CourseFileReader.FileName);
            if (File.Exists(file) && await CourseFileReader.ReadAsync(file, ignored, cancellationToken).ConfigureAwait(false) is { } document)
            {
                courses.Add(document.Course);
            }
        }

        var pathsFile = Path.Combine(directory, PathsFileReader.FileName);
        var paths = File.Exists(pathsFile)
            ? [.. (await PathsFileReader.ReadAsync(pathsFile, ignored, cancellationToken).ConfigureAwait(false)).Select(p => p.Path)]
            : new List<LearningPath>();
        return new CourseCatalog(directory, courses, paths, problems);
    }
}
