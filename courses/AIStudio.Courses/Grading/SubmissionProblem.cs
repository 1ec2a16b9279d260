namespace AIStudio.Courses.Grading;

/// <summary>Something a submission changed that it must not: which cell, which grade_id, and what.</summary>
public sealed record SubmissionProblem(int CellNumber, string? GradeId, string Message)
{
    public override string ToString() => Message;
}
