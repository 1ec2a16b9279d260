using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Hub.Courses;

/// <summary>A submission in the API's answers: its state, the late penalty, the score and the grader's report (Gradescope's results.json and more).</summary>
public sealed record SubmissionModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("course")] string Course,
    [property: JsonPropertyName("assignment")] string Assignment,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("submitted_at")] DateTimeOffset SubmittedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("due_at")] DateTimeOffset? DueAt,
    [property: JsonPropertyName("days_late")] int DaysLate,
    [property: JsonPropertyName("late_penalty_percent")] double LatePenaltyPercent,
    [property: JsonPropertyName("raw_score")] double? RawScore,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("max_score")] double? MaxScore,
    [property: JsonPropertyName("percentage")] double? Percentage,
    [property: JsonPropertyName("graded_at")] DateTimeOffset? GradedAt,
    [property: JsonPropertyName("gradings")] int Gradings,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("report")] JsonElement? Report,
    [property: JsonPropertyName("url")] string Url)
{
    public static SubmissionModel From(Submission submission, string userName)
    {
        ArgumentNullException.ThrowIfNull(submission);
        JsonElement? report = submission.ReportJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        return new SubmissionModel(submission.Id, submission.CourseSlug, submission.AssignmentId, userName, submission.SubmittedAt,
            submission.Status.ToString().ToLowerInvariant(), submission.DueAt, submission.DaysLate, submission.LatePenaltyPercent,
            submission.RawScore, submission.Score, submission.MaxScore, submission.Percentage is { } p ? Math.Round(p, 2) : null,
            submission.GradedAt, submission.Gradings, submission.Failure, report,
            $"/hub/api/courses/{submission.CourseSlug}/assignments/{submission.AssignmentId}/submissions/{submission.Id}");
    }
}
