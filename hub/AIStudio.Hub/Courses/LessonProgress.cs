namespace AIStudio.Hub.Courses;

/// <summary>
/// A learner's progress in one lesson: opened (its notebook copied into their files) and completed (marked done by the
/// learner on the lesson page or course page; the hub cannot see which cells ran in a kernel, so it does not guess).
/// </summary>
public sealed class LessonProgress
{
    public required string UserId { get; set; }

    public required string CourseSlug { get; set; }

    /// <summary>The lesson's id (its notebook's name without <c>.ipynb</c>).</summary>
    public required string LessonId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
