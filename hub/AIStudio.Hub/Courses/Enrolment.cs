namespace AIStudio.Hub.Courses;

/// <summary>A learner's enrolment in a course (one per user and course); self-paced deadlines count from <see cref="EnrolledAt"/>.</summary>
public sealed class Enrolment
{
    public required string UserId { get; set; }

    public required string CourseSlug { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }
}
