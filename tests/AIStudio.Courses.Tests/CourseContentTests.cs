using System.Diagnostics;
using System.Globalization;
using AIStudio.Courses.Catalog;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.Kernel.Client.Connection;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Courses.Tests;

/// <summary>
/// The repository's real courses: they validate, every lesson runs top to bottom in the real kernel, and every
/// assignment grades as its author means it to (the blank student version scores 0, a perfect answer full marks).
/// </summary>
public sealed class CourseContentTests(ITestOutputHelper output)
{
    /// <summary>Generous for two shared CI cores: a lesson cell is small, but the first compiles C# cold.</summary>
    private static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Lessons => CourseNotebooks.Lessons();

    public static TheoryData<string> Assignments => CourseNotebooks.Assignments();

    [Fact]
    public async Task The_repositorys_courses_have_no_problem()
    {
        var problems = await CourseValidator.ValidateAsync(CourseNotebooks.CoursesDirectory);

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void There_are_lessons_and_assignments_to_test()
    {
        // Guards the theories below: with no data they would not run at all, and a broken listing would pass silently.
        Assert.True(Lessons.Count >= 10, $"only {Lessons.Count} lessons listed");
        Assert.True(Assignments.Count >= 4, $"only {Assignments.Count} assignments listed");
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task A_lesson_runs_top_to_bottom_without_an_error(string lesson)
    {
        var notebook = await Notebook.LoadAsync(CourseNotebooks.FullPath(lesson));
        var started = Stopwatch.StartNew();
        // A fresh kernel per lesson: learners open each lesson on its own, so no lesson may lean on another's state.
        await using var kernel = await KernelUnderTest.StartAsync();
        foreach (var cell in notebook.Cells.Where(c => c.CellType == NotebookCell.Code))
        {
            using var timeout = Timeouts.After(CellTimeout);
            ExecutionResult result;
            try
            {
                result = await kernel.Connection.ExecuteAsync(cell.Source, new ExecuteOptions { AllowStdin = false }, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{lesson}, cell {cell.Index + 1} (index {cell.Index}): no reply within {CellTimeout.TotalSeconds} s.\n{kernel.Diagnostics()}");
                return;
            }

            if (result.Status != "ok" || result.Errors.Count > 0)
            {
                Assert.Fail($"{lesson}, cell {cell.Index + 1} (index {cell.Index}) failed with status '{result.Status}':\n{ExecutionReport.Describe(result)}\n--- the cell ---\n{cell.Source}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lesson}: {notebook.Cells.Count(c => c.CellType == NotebookCell.Code)} code cells in {started.Elapsed.TotalSeconds:0.0} s"));
    }

    [Theory]
    [MemberData(nameof(Assignments))]
    public async Task An_assignment_scores_zero_blank_and_full_marks_solved(string assignment)
    {
        var source = await Notebook.LoadAsync(CourseNotebooks.FullPath(assignment));
        var points = source.Cells.Where(c => c.Nbgrader is { Grade: true }).Sum(c => c.Nbgrader!.Points ?? 0);
        Assert.True(points > 0, $"{assignment} has no points to score.");
        var released = AssignmentReleaser.Release(source);
        var perfect = PerfectSubmission.FromReleased(source, released);

        // Validation is cheap and names the cell: check it before spending two kernels on grading.
        Assert.Empty(SubmissionValidator.Validate(source, released));
        Assert.Empty(SubmissionValidator.Validate(source, perfect));
        Assert.Empty(SubmissionValidator.Validate(source, source));

        using var directory = new TempDirectory();
        var started = Stopwatch.StartNew();
        var reports = await new BatchGrader(TestAssignment.Grader(), parallelism: 2).GradeAllAsync(
        [
            new GradingRequest { Name = "perfect", Source = source, Submission = await TestAssignment.SaveAsync(perfect, directory, "perfect.ipynb") },
            new GradingRequest { Name = "blank", Source = source, Submission = await TestAssignment.SaveAsync(released, directory, "blank.ipynb") },
        ]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{assignment}: graded 2 submissions in {started.Elapsed.TotalSeconds:0.0} s"));
        foreach (var report in reports)
        {
            output.WriteLine(GradingJson.Serialize(report));
        }

        var full = reports[0];
        var fullJson = GradingJson.Serialize(full);
        Assert.True(full.Stopped is null, $"{assignment}: grading the perfect submission stopped: {full.Stopped}\n{fullJson}");
        Assert.Empty(full.Problems);
        Assert.Equal(points, full.MaxScore);
        Assert.True(full.Score == points, $"{assignment}: the perfect submission scored {full.Score} of {points}.\n{fullJson}");
        Assert.All(full.Tests, t => Assert.Equal(TestOutcome.Passed, t.Outcome));

        var blank = reports[1];
        var blankJson = GradingJson.Serialize(blank);
        Assert.True(blank.Stopped is null, $"{assignment}: grading the blank student version stopped: {blank.Stopped}\n{blankJson}");
        Assert.Empty(blank.Problems);
        Assert.Equal(points, blank.MaxScore);
        Assert.True(blank.Score == 0, $"{assignment}: the blank student version scored {blank.Score}: some test passes without an answer.\n{blankJson}");
        // Every test must fail on the stubs, even one worth 0 points: a test that passes blank checks nothing.
        Assert.All(blank.Tests, t => Assert.True(t.Outcome == TestOutcome.Failed, $"{t.GradeId}: {t.Outcome} on the blank version.\n{t.Output}"));
    }
}
