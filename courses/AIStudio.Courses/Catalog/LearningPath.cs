namespace AIStudio.Courses.Catalog;

/// <summary>One audience's path: its courses in order and the assignments a certificate requires (<c>course-slug/notebook</c>).</summary>
public sealed record LearningPath(AudienceLevel Audience, string Title, IReadOnlyList<string> Courses, IReadOnlyList<string> RequiredAssignments);
