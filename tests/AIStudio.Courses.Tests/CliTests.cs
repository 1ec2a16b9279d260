using System.Text.Json;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Courses.Tests;

/// <summary>The built aistudio tool, started as a process, end to end.</summary>
public sealed class CliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Release_and_validate_work_and_a_tampered_submission_fails_validation()
    {
        using var directory = new TempDirectory();
        var student = directory.Combine("student.ipynb");

        var release = await RunAsync("assignment", "release", TestAssignment.SourcePath, "--out", student);
        Assert.Equal(0, release.ExitCode);
        Assert.DoesNotContain("BEGIN SOLUTION", await File.ReadAllTextAsync(student), StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("assignment", "validate", TestAssignment.SourcePath, student)).ExitCode);

        var tampered = await Notebook.LoadAsync(student);
        TestAssignment.Answer(tampered, "test_palindrome", "// nothing to see");
        var tamperedPath = directory.Combine("tampered.ipynb");
        await tampered.SaveAsync(tamperedPath);
        var validate = await RunAsync("assignment", "validate", TestAssignment.SourcePath, tamperedPath);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{tamperedPath}: error: Cell 7 ('test_palindrome') is a test cell and was changed", validate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Courses_validate_prints_each_problem_as_file_line_column_and_exits_1()
    {
        using var directory = CourseFixtures.Valid();
        Assert.Equal(0, (await RunAsync("courses", "validate", directory.Path)).ExitCode);

        CourseFixtures.WriteCourse(directory, "b", "slug: b\ntitle: B\naudience: students\nsummary: S\nlessons: []\npass_mark: 70\nlicence: MIT\nprerequisites: [zzz]\n");
        var result = await RunAsync("courses", "validate", directory.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Path.Combine(directory.Path, "b", "course.yml")}:8:17: error: Prerequisite 'zzz' is not a course here", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_writes_one_report_per_submission()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var solved = directory.Combine("solved", "alice.ipynb");
        await TestAssignment.Solved(source).SaveAsync(solved);
        var blank = directory.Combine("blank", "bob.ipynb");
        await AssignmentReleaser.Release(source).SaveAsync(blank);
        var broken = directory.Combine("broken", "carol.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, "{ not json");
        var reports = directory.Combine("reports");

        var result = await RunAsync("assignment", "grade", TestAssignment.SourcePath, solved, blank, broken, "--out", reports, "--parallel", "2", "--timeout", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[3/3]", result.Output, StringComparison.Ordinal);
        var alice = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "alice.json"))).RootElement;
        Assert.Equal(10, alice.GetProperty("score").GetDouble());
        Assert.Equal(10, alice.GetProperty("max_score").GetDouble());
        Assert.Equal(3, alice.GetProperty("tests").GetArrayLength());
        Assert.Equal("visible", alice.GetProperty("tests")[0].GetProperty("visibility").GetString());
        var bob = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "bob.json"))).RootElement;
        Assert.Equal(0, bob.GetProperty("score").GetDouble());
        var carol = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "carol.json"))).RootElement;
        Assert.Contains("cannot be graded", carol.GetProperty("stopped").GetString(), StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => AistudioCli.RunAsync(output, TimeSpan.FromMinutes(3), arguments);
}
