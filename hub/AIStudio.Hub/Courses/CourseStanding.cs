using AIStudio.Courses.Catalog;

namespace AIStudio.Hub.Courses;

/// <summary>
/// A learner's standing in a course: enrolment, each lesson's progress, each assignment's best and latest submission,
/// and the course score (best scores over all assignment points, late penalties applied). The course is completed when
/// every graded assignment's best submission reaches the course's pass mark.
/// </summary>
public sealed record CourseStanding(Course Course, Enrolment? Enrolment, IReadOnlyDictionary<string, LessonProgress> Lessons, IReadOnlyList<AssignmentStanding> Assignments)
{
    /// <summary>Percent of all assignment points earned by the best submissions.</summary>
    public double Score
    {
        get
        {
            var max = Assignments.Sum(a => a.Best?.MaxScore ?? 0);
            return max > 0 ? Math.Round(100 * Assignments.Sum(a => a.Best?.Score ?? 0) / max, 2) : 0;
        }
    }

    /// <summary>Every assignment passed at the pass mark (a course without assignments is never completed by grading).</summary>
    public bool Completed => Assignments.Count > 0 && Assignments.All(a => a.Passed);

    /// <summary>Lessons marked complete.</summary>
    public int LessonsCompleted => Lessons.Values.Count(l => l.CompletedAt is not null);

    /// <summary>Reads the standing of <paramref name="userId"/> in <paramref name="course"/>.</summary>
    public static async Task<CourseStanding> LoadAsync(Data.HubDbContext db, CourseOptions options, Course course, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(course);
        var enrolment = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Enrolments, e => e.UserId == userId && e.CourseSlug == course.Slug, cancellationToken).ConfigureAwait(false);
        var lessons = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.LessonProgress.Where(p => p.UserId == userId && p.CourseSlug == course.Slug), cancellationToken).ConfigureAwait(false);
        var submissions = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Submissions.Where(s => s.UserId == userId && s.CourseSlug == course.Slug), cancellationToken).ConfigureAwait(false);
        return From(course, options, enrolment, lessons, submissions);
    }

    /// <summary>The standing from rows already read.</summary>
    public static CourseStanding From(Course course, CourseOptions options, Enrolment? enrolment, IEnumerable<LessonProgress> lessons, IEnumerable<Submission> submissions)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(options);
        var all = submissions.ToList();
        var assignments = course.Assignments.Select(assignment =>
        {
            var mine = all.Where(s => s.AssignmentId == assignment.Id).ToList();
            var graded = mine.Where(s => s.Status == SubmissionStatus.Graded && s.Score is not null).ToList();
            var best = graded.OrderByDescending(s => s.Percentage ?? 0).ThenBy(s => s.SubmittedAt).FirstOrDefault();
            var latest = mine.OrderByDescending(s => s.SubmittedAt).FirstOrDefault();
            var policy = options.LatePolicyFor(course.Slug, assignment);
            var due = enrolment is null ? policy?.Due : policy?.DueFor(enrolment.EnrolledAt);
            return new AssignmentStanding(assignment, due, policy, best, latest, best?.Percentage is { } p && p >= course.PassMark);
        }).ToList();
        return new CourseStanding(course, enrolment, lessons.ToDictionary(l => l.LessonId, StringComparer.Ordinal), assignments);
    }
}
