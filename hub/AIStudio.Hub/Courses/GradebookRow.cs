namespace AIStudio.Hub.Courses;

/// <summary>One learner in a gradebook: their standing, how many times they submitted each assignment, their certificate.</summary>
public sealed record GradebookRow(string User, string? Email, CourseStanding Standing, IReadOnlyDictionary<string, int> Submissions, string? CertificateId);
