using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;
using AIStudio.TestKit;

namespace AIStudio.Courses.Tests;

/// <summary>
/// The repository's own courses folder and the notebooks its course.yml files list, as theory data: one case per
/// notebook, named by its path relative to the courses folder, so a failing case names the notebook.
/// </summary>
internal static class CourseNotebooks
{
    public static string CoursesDirectory => Path.Combine(RepositoryLayout.RootDirectory, "courses");

    public static TheoryData<string> Lessons() => Listed(assignments: false);

    public static TheoryData<string> Assignments() => Listed(assignments: true);

    /// <summary>The notebook's full path from its path relative to the courses folder ('/'-separated, as theory data).</summary>
    public static string FullPath(string relative) => Path.Combine([CoursesDirectory, .. relative.Split('/')]);

    private static TheoryData<string> Listed(bool assignments)
    {
        // Read from course.yml rather than globbed, so that "every lesson" means the lessons learners are given;
        // problems in the files are the validator test's to report.
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(CoursesDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, CourseFileReader.FileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var document = CourseFileReader.ReadAsync(file, new List<ValidationProblem>(), CancellationToken.None).GetAwaiter().GetResult();
            if (document is null)
            {
                continue;
            }

            var course = document.Course;
            foreach (var item in assignments ? course.Assignments : course.Lessons)
            {
                data.Add($"{Path.GetFileName(course.Directory)}/{item.Notebook}");
            }
        }

        return data;
    }
}
