namespace AIStudio.Courses.Catalog;

/// <summary>A course, as its course.yml describes it.</summary>
public sealed record Course
{
    public required string Slug { get; init; }

    public required string Title { get; init; }

    public AudienceLevel Audience { get; init; }

    public string Summary { get; init; } = "";

    /// <summary>Slugs of the courses to take first.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    public IReadOnlyList<CourseItem> Lessons { get; init; } = [];

    public IReadOnlyList<CourseItem> Assignments { get; init; } = [];

    /// <summary>The percentage (0–100) of assignment points that passes the course.</summary>
    public double PassMark { get; init; }

    /// <summary>The content's licence, an SPDX id (e.g. CC-BY-4.0, MIT).</summary>
    public string Licence { get; init; } = "";

    /// <summary>The author's estimate of the whole course in minutes (course.yml's optional <c>estimated_minutes</c>), or null.</summary>
    public int? DeclaredMinutes { get; init; }

    /// <summary>The minutes of all lessons and assignments together.</summary>
    public int ItemMinutes => Lessons.Sum(l => l.Minutes) + Assignments.Sum(a => a.Minutes);

    /// <summary>
    /// How long the course takes: the author's estimate where course.yml gives one (it may allow for reading, breaks or
    /// projects the items do not list), else the sum of the items' minutes.
    /// </summary>
    public int EstimatedMinutes => DeclaredMinutes ?? ItemMinutes;

    /// <summary>The course's folder.</summary>
    public string Directory { get; init; } = "";
}
