using AIStudio.Courses.Catalog;

namespace AIStudio.Hub.Courses;

/// <summary>The JSON shapes of the courses API (snake_case, as the rest of <c>/hub/api</c>).</summary>
public static class CourseViews
{
    /// <summary>The catalog: every course, and the paths that chain them.</summary>
    public static object Catalog(CourseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new
        {
            courses = catalog.Courses.Select(Summary).ToList(),
            paths = catalog.Paths.Select(p => new
            {
                audience = p.Audience.ToString().ToLowerInvariant(),
                title = p.Title,
                courses = p.Courses,
                required_assignments = p.RequiredAssignments,
            }).ToList(),
        };
    }

    /// <summary>A course as the catalog lists it.</summary>
    public static object Summary(Course course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new
        {
            slug = course.Slug,
            title = course.Title,
            audience = course.Audience.ToString().ToLowerInvariant(),
            summary = course.Summary,
            prerequisites = course.Prerequisites,
            minutes = course.EstimatedMinutes,
            pass_mark = course.PassMark,
            licence = course.Licence,
            lessons = course.Lessons.Select(l => new { id = l.Id, title = l.Title, minutes = l.Minutes }).ToList(),
            assignments = course.Assignments.Select(a => new { id = a.Id, title = a.Title, minutes = a.Minutes }).ToList(),
        };
    }

    /// <summary>A course with the caller's progress, submissions and score.</summary>
    public static object Standing(CourseStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        return new
        {
            course = Summary(standing.Course),
            enrolled_at = standing.Enrolment?.EnrolledAt,
            lessons = standing.Course.Lessons.Select(l => new
            {
                id = l.Id,
                opened_at = standing.Lessons.GetValueOrDefault(l.Id)?.OpenedAt is { } opened && opened != default ? opened : (DateTimeOffset?)null,
                completed_at = standing.Lessons.GetValueOrDefault(l.Id)?.CompletedAt,
            }).ToList(),
            assignments = standing.Assignments.Select(a => new
            {
                id = a.Assignment.Id,
                due_at = a.Due,
                late_policy = a.Policy?.Describe(a.Due),
                best = a.Best?.Id,
                best_percentage = a.Best?.Percentage,
                latest = a.Latest?.Id,
                latest_status = a.Latest?.Status.ToString().ToLowerInvariant(),
                passed = a.Passed,
            }).ToList(),
            score = standing.Score,
            completed = standing.Completed,
        };
    }

    /// <summary>A gradebook: the assignments, and a row per learner.</summary>
    public static object Gradebook(Gradebook gradebook)
    {
        ArgumentNullException.ThrowIfNull(gradebook);
        return new
        {
            organization = gradebook.Organization,
            course = gradebook.Course.Slug,
            assignments = gradebook.Course.Assignments.Select(a => a.Id).ToList(),
            rows = gradebook.Rows.Select(r => new
            {
                user = r.User,
                enrolled_at = r.Standing.Enrolment?.EnrolledAt,
                assignments = r.Standing.Assignments.ToDictionary(a => a.Assignment.Id, a => new
                {
                    best_percentage = a.Best?.Percentage,
                    latest_percentage = a.Latest?.Percentage,
                    latest_status = a.Latest?.Status.ToString().ToLowerInvariant(),
                    submissions = r.Submissions.GetValueOrDefault(a.Assignment.Id),
                    passed = a.Passed,
                }, StringComparer.Ordinal),
                score = r.Standing.Score,
                completed = r.Standing.Completed,
                certificate = r.CertificateId,
            }).ToList(),
        };
    }
}
