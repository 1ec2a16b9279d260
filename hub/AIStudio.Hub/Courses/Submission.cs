namespace AIStudio.Hub.Courses;

/// <summary>
/// A learner's submission of an assignment: the notebook (kept under the data directory, <c>submissions/{user}/{id}.ipynb</c>),
/// its grading state and, once graded, the score after the late penalty and the grader's report (Gradescope's results.json).
/// </summary>
public sealed class Submission
{
    public string Id { get; set; } = "s" + Guid.NewGuid().ToString("N")[..19];

    public required string UserId { get; set; }

    public required string CourseSlug { get; set; }

    public required string AssignmentId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public SubmissionStatus Status { get; set; }

    /// <summary>The deadline that applied, or null when the assignment has none.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Whole days late (0 when on time).</summary>
    public int DaysLate { get; set; }

    /// <summary>Percent taken off the score for lateness (0–100).</summary>
    public double LatePenaltyPercent { get; set; }

    /// <summary>The grader's score before the penalty.</summary>
    public double? RawScore { get; set; }

    /// <summary>The score after the penalty.</summary>
    public double? Score { get; set; }

    public double? MaxScore { get; set; }

    /// <summary>The grading report as JSON (score, tests, output, problems, sandboxed …).</summary>
    public string? ReportJson { get; set; }

    /// <summary>Why grading failed, when it did.</summary>
    public string? Failure { get; set; }

    /// <summary>How many times it was graded (re-grades included).</summary>
    public int Gradings { get; set; }

    public DateTimeOffset? GradedAt { get; set; }

    /// <summary>The score as a percentage of the maximum, or null before grading.</summary>
    public double? Percentage => Score is { } score && MaxScore is > 0 ? 100 * score / MaxScore.Value : null;
}
