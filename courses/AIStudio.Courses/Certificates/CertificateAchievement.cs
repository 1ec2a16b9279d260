using System.Globalization;
using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Certificates;

/// <summary>What a certificate certifies: an Open Badges 3.0 <c>Achievement</c> of type Certificate, made from a course.</summary>
public sealed record CertificateAchievement
{
    /// <summary>The achievement's id, a URI: the course's page on the hub, e.g. <c>https://hub.example/courses/ml-basics</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The course's slug.</summary>
    public required string Slug { get; init; }

    /// <summary>The course's title.</summary>
    public required string Name { get; init; }

    /// <summary>What the course teaches.</summary>
    public required string Description { get; init; }

    /// <summary>How the certificate is earned, in words (Markdown allowed).</summary>
    public required string CriteriaNarrative { get; init; }

    /// <summary>The percentage (0–100) of assignment points that passes.</summary>
    public double PassMark { get; init; }

    /// <summary>The badge image's URL, or null.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The achievement for <paramref name="course"/>, its id <paramref name="achievementId"/> (the course's URL on the hub).</summary>
    public static CertificateAchievement FromCourse(Course course, string achievementId, string? imageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(course);
        var assignments = course.Assignments.Count;
        return new CertificateAchievement
        {
            Id = achievementId,
            Slug = course.Slug,
            Name = course.Title,
            Description = course.Summary.Length > 0 ? course.Summary : course.Title,
            CriteriaNarrative = string.Create(CultureInfo.InvariantCulture,
                $"Complete the {assignments} graded assignment{(assignments == 1 ? "" : "s")} of the course '{course.Title}' on AI Studio with a score of at least {course.PassMark:0.##} % of all assignment points; the assignments are graded automatically."),
            PassMark = course.PassMark,
            ImageUrl = imageUrl,
        };
    }

    /// <summary>
    /// Reads a course (its folder or its course.yml) and makes its achievement, its id <paramref name="achievementId"/>
    /// or else <c>BASE/courses/SLUG</c> where BASE is the issuer's url or the origin of its id. Throws
    /// <see cref="CertificateException"/> listing every error of the course.yml.
    /// </summary>
    public static async Task<CertificateAchievement> LoadCourseAsync(string courseFileOrDirectory, IssuerProfile issuer, string? achievementId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(courseFileOrDirectory);
        ArgumentNullException.ThrowIfNull(issuer);
        var file = Directory.Exists(courseFileOrDirectory) ? Path.Combine(courseFileOrDirectory, CourseFileReader.FileName) : courseFileOrDirectory;
        if (!File.Exists(file))
        {
            throw new CertificateException($"{file} does not exist: give a course folder or its {CourseFileReader.FileName}.");
        }

        var problems = new List<ValidationProblem>();
        var document = await CourseFileReader.ReadAsync(file, problems, cancellationToken).ConfigureAwait(false);
        var errors = problems.Where(p => p.Severity == Severity.Error).ToList();
        if (document is null || errors.Count > 0)
        {
            throw new CertificateException($"The course cannot certify:\n{string.Join('\n', errors)}");
        }

        var baseUrl = issuer.Url ?? (Uri.TryCreate(issuer.Id, UriKind.Absolute, out var id) ? id.GetLeftPart(UriPartial.Authority) : issuer.Id);
        return FromCourse(document.Course, achievementId ?? $"{baseUrl.TrimEnd('/')}/courses/{document.Course.Slug}");
    }
}
