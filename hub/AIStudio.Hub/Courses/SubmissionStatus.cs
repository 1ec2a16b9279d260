namespace AIStudio.Hub.Courses;

/// <summary>Where a submission is: waiting for a grader, being graded, graded, or failed (the reason is kept).</summary>
public enum SubmissionStatus
{
    Queued = 0,
    Grading = 1,
    Graded = 2,
    Failed = 3,
}
