using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Catalog;

/// <summary>
/// Checks a courses folder (paths.yml and one folder per course with a course.yml) and reports every problem, not only
/// the first: YAML syntax, fields, slugs, references between courses and paths, prerequisite cycles, notebooks that are
/// missing or not nbformat 4, and assignment metadata. Folders without a course.yml (such as this library's) are skipped.
/// </summary>
public static class CourseValidator
{
    public static async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(string coursesDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coursesDirectory);
        var problems = new List<ValidationProblem>();
        if (!Directory.Exists(coursesDirectory))
        {
            problems.Add(new ValidationProblem(coursesDirectory, 1, 1, Severity.Error, "The courses folder does not exist."));
            return problems;
        }

        var documents = new List<CourseDocument>();
        foreach (var folder in Directory.GetDirectories(coursesDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, CourseFileReader.FileName);
            if (File.Exists(file) && await CourseFileReader.ReadAsync(file, problems, cancellationToken).ConfigureAwait(false) is { } document)
            {
                documents.Add(document);
            }
        }

        var bySlug = new Dictionary<string, CourseDocument>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var slug = document.Course.Slug;
            var folderName = Path.GetFileName(document.Course.Directory);
            if (slug.Length > 0 && slug != folderName)
            {
                Add(problems, document.File, document.SlugMark, Severity.Error, $"Slug '{slug}' differs from the folder name '{folderName}': rename one so they match.");
            }

            if (slug.Length == 0)
            {
                continue;
            }

            if (bySlug.TryGetValue(slug, out var first))
            {
                Add(problems, document.File, document.SlugMark, Severity.Error, $"Slug '{slug}' is already used by {first.File}: slugs must be unique.");
            }
            else
            {
                bySlug[slug] = document;
            }
        }

        foreach (var document in documents)
        {
            foreach (var (prerequisite, mark) in document.Prerequisites)
            {
                if (!bySlug.ContainsKey(prerequisite))
                {
                    Add(problems, document.File, mark, Severity.Error, $"Prerequisite '{prerequisite}' is not a course here: use the slug of an existing course.");
                }
            }

            await CheckNotebooksAsync(document, problems, cancellationToken).ConfigureAwait(false);
        }

        ReportCycles(bySlug, problems);

        var pathsFile = Path.Combine(coursesDirectory, PathsFileReader.FileName);
        if (File.Exists(pathsFile))
        {
            await CheckPathsAsync(pathsFile, bySlug, problems, cancellationToken).ConfigureAwait(false);
        }
        else if (documents.Count > 0)
        {
            problems.Add(new ValidationProblem(pathsFile, 1, 1, Severity.Error, "paths.yml is missing: add the learning paths (children, students, professionals, experts)."));
        }

        return problems;
    }

    private static async Task CheckNotebooksAsync(CourseDocument document, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, mark, isAssignment) in document.Items)
        {
            if (!seen.Add(item.Notebook))
            {
                Add(problems, document.File, mark, Severity.Warning, $"Notebook '{item.Notebook}' is listed twice.");
            }

            var path = Path.Combine(document.Course.Directory, item.Notebook);
            if (!File.Exists(path))
            {
                Add(problems, document.File, mark, Severity.Error, $"Notebook '{item.Notebook}' does not exist in {document.Course.Directory}: add it or fix the path.");
                continue;
            }

            Notebook notebook;
            try
            {
                notebook = await Notebook.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (NotebookFormatException e)
            {
                problems.Add(new ValidationProblem(path, Math.Max(e.Line, 1), Math.Max(e.Column, 1), Severity.Error, $"Not an nbformat 4 notebook: {e.Message}"));
                continue;
            }

            problems.AddRange(AssignmentChecker.Check(notebook, requireGradedCell: isAssignment));
        }
    }

    /// <summary>Each prerequisite cycle once, at the prerequisite entry that closes it.</summary>
    private static void ReportCycles(Dictionary<string, CourseDocument> bySlug, List<ValidationProblem> problems)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the stack, 2: done
        var stack = new List<string>();

        void Visit(string slug)
        {
            state[slug] = 1;
            stack.Add(slug);
            var document = bySlug[slug];
            foreach (var (prerequisite, mark) in document.Prerequisites)
            {
                if (!bySlug.ContainsKey(prerequisite))
                {
                    continue;
                }

                if (state.GetValueOrDefault(prerequisite) == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(prerequisite)).Append(prerequisite);
                    Add(problems, document.File, mark, Severity.Error, $"Prerequisites form a cycle: {string.Join(" → ", cycle)}. Remove one of them.");
                }
                else if (state.GetValueOrDefault(prerequisite) == 0)
                {
                    Visit(prerequisite);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[slug] = 2;
        }

        foreach (var slug in bySlug.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(slug) == 0)
            {
                Visit(slug);
            }
        }
    }

    private static async Task CheckPathsAsync(string file, Dictionary<string, CourseDocument> bySlug, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        foreach (var (path, _, courses, required) in await PathsFileReader.ReadAsync(file, problems, cancellationToken).ConfigureAwait(false))
        {
            var earlier = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (slug, mark) in courses)
            {
                if (!bySlug.TryGetValue(slug, out var course))
                {
                    Add(problems, file, mark, Severity.Error, $"Course '{slug}' in the {path.Audience.ToString().ToLowerInvariant()} path does not exist: use the slug of a course folder.");
                }
                else
                {
                    foreach (var prerequisite in course.Course.Prerequisites.Where(p => bySlug.ContainsKey(p) && !earlier.Contains(p)))
                    {
                        Add(problems, file, mark, Severity.Warning, $"Course '{slug}' needs '{prerequisite}', which does not come before it in this path.");
                    }
                }

                earlier.Add(slug);
            }

            foreach (var (assignment, mark) in required)
            {
                var slash = assignment.IndexOf('/', StringComparison.Ordinal);
                var slug = slash > 0 ? assignment[..slash] : assignment;
                var notebook = slash > 0 ? assignment[(slash + 1)..] : "";
                if (!bySlug.TryGetValue(slug, out var course) || !course.Course.Assignments.Any(a => a.Notebook == notebook))
                {
                    Add(problems, file, mark, Severity.Error, $"Required assignment '{assignment}' is not an assignment of a course here: write course-slug/notebook-path as in the course's course.yml.");
                }
                else if (!path.Courses.Contains(slug))
                {
                    Add(problems, file, mark, Severity.Error, $"Required assignment '{assignment}' belongs to course '{slug}', which is not in this path.");
                }
            }
        }
    }

    private static void Add(List<ValidationProblem> problems, string file, YamlDotNet.Core.Mark mark, Severity severity, string message) =>
        problems.Add(new ValidationProblem(file, (int)Math.Max(mark.Line, 1), (int)Math.Max(mark.Column, 1), severity, message));
}
