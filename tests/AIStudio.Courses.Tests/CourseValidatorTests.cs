using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Tests;

public sealed class CourseValidatorTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_valid_folder_has_no_problem()
    {
        using var directory = CourseFixtures.Valid();

        var problems = await CourseValidator.ValidateAsync(directory.Path);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_broken_thing_is_reported_with_its_file_and_line()
    {
        using var directory = CourseFixtures.Valid();
        CourseFixtures.WriteCourse(directory, "a", """
            slug: a
            title: First steps
            audience: toddlers
            summary: Patterns.
            prerequisites: [b, nowhere]
            lessons:
              - title: Hello
                notebook: lessons/missing.ipynb
                minutes: 10
              - title: Broken
                notebook: lessons/broken.ipynb
                minutes: 5
            assignments:
              - title: Ungraded
                notebook: lessons/hello.ipynb
                minutes: 30
            pass_mark: 120
            licence: CC-BY-4.0
            colour: blue
            """);
        CourseFixtures.Write(directory, "a/lessons/broken.ipynb", "{\"nbformat\": 4,\n \"metadata\": {},\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": \"\", \"metadata\": {}}\n ]\n}");
        CourseFixtures.WriteCourse(directory, "c", "slug: d\ntitle: [unclosed\n");
        CourseFixtures.WriteCourse(directory, "e", """
            slug: e
            title: E
            audience: experts
            summary: E.
            lessons: []
            pass_mark: 50
            licence: MIT
            """);
        CourseFixtures.Write(directory, "paths.yml", """
            paths:
              - audience: children
                title: Teach the computer
                courses: [a, ghost]
                required_assignments: [a/assignments/words.ipynb]
            """);

        var problems = (await CourseValidator.ValidateAsync(directory.Path)).Select(p => p.ToString()).ToList();
        problems.ForEach(output.WriteLine);

        var a = Path.Combine(directory.Path, "a", "course.yml");
        Assert.Contains(problems, p => p.StartsWith($"{a}:3:11: error: Audience 'toddlers'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{a}:5:20: error: Prerequisite 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{a}:8:15: error: Notebook 'lessons/missing.ipynb' does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{a}:17:12: error: pass_mark 120 is out of range", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{a}:19:1: error: Unknown field 'colour'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{Path.Combine(directory.Path, "b", "course.yml")}:5:17: error: Prerequisites form a cycle: a → b → a", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(Path.Combine(directory.Path, "a", "lessons", "broken.ipynb") + ":4:3: error: Not an nbformat 4 notebook", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(Path.Combine(directory.Path, "a", "lessons", "hello.ipynb") + ":1:1: error: the assignment has no graded cell", StringComparison.Ordinal));
        var c = Path.Combine(directory.Path, "c", "course.yml");
        Assert.Contains(problems, p => p.StartsWith($"{c}:", StringComparison.Ordinal) && p.Contains("error: YAML syntax", StringComparison.Ordinal));
        var e = Path.Combine(directory.Path, "e", "course.yml");
        Assert.DoesNotContain(problems, p => p.StartsWith($"{e}:", StringComparison.Ordinal));
        var paths = Path.Combine(directory.Path, "paths.yml");
        Assert.Contains(problems, p => p.StartsWith($"{paths}:4:18: error: Course 'ghost'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{paths}:5:28: error: Required assignment 'a/assignments/words.ipynb'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{paths}:1:1: warning: No path for 'experts'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slug_that_differs_from_its_folder_and_a_duplicate_slug_are_errors()
    {
        using var directory = CourseFixtures.Valid();
        var yaml = await File.ReadAllTextAsync(Path.Combine(directory.Path, "b", "course.yml"));
        CourseFixtures.WriteCourse(directory, "b2", yaml);

        var problems = (await CourseValidator.ValidateAsync(directory.Path)).Where(p => p.Severity == Severity.Error).Select(p => p.Message).ToList();

        Assert.Contains(problems, p => p.StartsWith("Slug 'b' differs from the folder name 'b2'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Slug 'b' is already used by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Estimated_minutes_are_the_authors_estimate_or_the_sum_of_the_items()
    {
        using var directory = CourseFixtures.Valid();
        var problems = new List<ValidationProblem>();

        var summed = await CourseFileReader.ReadAsync(Path.Combine(directory.Path, "a", "course.yml"), problems, CancellationToken.None);
        Assert.Null(summed!.Course.DeclaredMinutes);
        Assert.Equal(40, summed.Course.ItemMinutes);
        Assert.Equal(40, summed.Course.EstimatedMinutes);

        var file = Path.Combine(directory.Path, "b", "course.yml");
        await File.AppendAllTextAsync(file, "\nestimated_minutes: 90\n");
        var declared = await CourseFileReader.ReadAsync(file, problems, CancellationToken.None);
        Assert.Equal(90, declared!.Course.EstimatedMinutes);
        Assert.Equal(15, declared.Course.ItemMinutes);
        Assert.Empty(problems);
        Assert.Empty(await CourseValidator.ValidateAsync(directory.Path));
    }

    [Theory]
    [InlineData("0", "estimated_minutes must be a whole number above 0, not 0.")]
    [InlineData("12.5", "estimated_minutes must be a whole number above 0, not 12.5.")]
    [InlineData("-3", "estimated_minutes must be a whole number above 0, not -3.")]
    [InlineData("a while", "'estimated_minutes' must be a number.")]
    public async Task Estimated_minutes_that_are_not_a_positive_whole_number_are_an_error_at_their_line(string value, string message)
    {
        using var directory = CourseFixtures.Valid();
        var file = Path.Combine(directory.Path, "b", "course.yml");
        var lines = (await File.ReadAllLinesAsync(file)).Length;
        await File.AppendAllTextAsync(file, $"\nestimated_minutes: {value}\n");

        var problems = (await CourseValidator.ValidateAsync(directory.Path)).Select(p => p.ToString()).ToList();
        problems.ForEach(output.WriteLine);

        var problem = Assert.Single(problems);
        Assert.Equal($"{file}:{lines + 1}:20: error: {message}", problem);
    }
}
