using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Tests;

/// <summary>Assignment deadlines and late policies in course.yml: read into the catalog, wrong ones reported with their line, and the arithmetic of days late and penalties.</summary>
public sealed class LatePolicyTests
{
    [Fact]
    public async Task Deadlines_are_read_and_bad_ones_reported_at_their_line()
    {
        using var directory = CourseFixtures.Valid();
        CourseFixtures.WriteCourse(directory, "a", """
            slug: a
            title: First steps
            audience: children
            summary: Patterns.
            lessons:
              - title: Hello
                notebook: lessons/hello.ipynb
                minutes: 10
                due_days: 3
            assignments:
              - title: Words
                notebook: assignments/words.ipynb
                minutes: 30
                due_days: 14
                late_penalty: 10
                late_days: 7
            pass_mark: 60
            licence: CC-BY-4.0
            """);

        var catalog = await CourseCatalog.LoadAsync(directory.Path);

        var late = catalog.Find("a")!.Assignments[0].Late!;
        Assert.Equal(14, late.DueDays);
        Assert.Equal(10, late.PenaltyPercentPerDay);
        Assert.Equal(7, late.AcceptDaysLate);
        var problem = Assert.Single(catalog.Problems, p => p.Severity == Severity.Error);
        Assert.Equal(9, problem.Line);
        Assert.Contains("applies to assignments only", problem.Message, StringComparison.Ordinal);

        CourseFixtures.WriteCourse(directory, "a", """
            slug: a
            title: First steps
            audience: children
            summary: Patterns.
            lessons:
              - title: Hello
                notebook: lessons/hello.ipynb
                minutes: 10
            assignments:
              - title: Words
                notebook: assignments/words.ipynb
                minutes: 30
                due: tomorrow
                due_days: 2
                late_penalty: 150
            pass_mark: 60
            licence: CC-BY-4.0
            """);
        var problems = (await CourseValidator.ValidateAsync(directory.Path)).Where(p => p.File.EndsWith("a/course.yml", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("is not a date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 14 && p.Message.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 15 && p.Message.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Days_late_round_up_and_the_penalty_is_capped()
    {
        var due = new DateTimeOffset(2027, 1, 31, 23, 59, 0, TimeSpan.Zero);
        var policy = new LatePolicy { DueDays = 14, PenaltyPercentPerDay = 30, AcceptDaysLate = 5 };

        Assert.Equal(due.AddDays(14), policy.DueFor(due));
        Assert.Equal(0, LatePolicy.DaysLate(due, due));
        Assert.Equal(1, LatePolicy.DaysLate(due, due.AddMinutes(1)));
        Assert.Equal(2, LatePolicy.DaysLate(due, due.AddHours(36)));
        Assert.Equal(60, policy.PenaltyFor(2));
        Assert.Equal(100, policy.PenaltyFor(4));
        Assert.True(policy.Accepts(5));
        Assert.False(policy.Accepts(6));
        Assert.True(new LatePolicy { Due = due }.Accepts(1000));
        Assert.False(new LatePolicy { Due = due, AcceptDaysLate = 0 }.Accepts(1));
    }
}
