using System.Globalization;
using AIStudio.Courses.Catalog;

namespace AIStudio.Hub.Courses;

/// <summary>
/// How the hub serves courses, read once at start: where the courses are (<c>Hub:CoursesDirectory</c>; by default the
/// <c>courses</c> folder of the repository the hub was built or started in), the largest submission
/// (<c>Hub:SubmissionMaxBytes</c>), how many gradings run at once (<c>Hub:GradingParallelism</c>), the per-cell time
/// limit (<c>Hub:GradingCellTimeoutSeconds</c>), and this hub's offering of a course's deadlines, which replace course.yml's
/// (<c>Hub:Offerings:{course}:{assignment}:Due</c>, <c>…:LatePenalty</c>, <c>…:LateDays</c>).
/// </summary>
public sealed record CourseOptions
{
    /// <summary>The courses folder (absolute), or null when none was configured or found.</summary>
    public string? CoursesDirectory { get; init; }

    /// <summary>The largest notebook a submission may be (default 5 MB); larger ones are refused with 413.</summary>
    public long SubmissionMaxBytes { get; init; } = 5L * 1024 * 1024;

    /// <summary>Gradings run at the same time, each in its own sandboxed kernel (default: half the processors, at least 1).</summary>
    public int GradingParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long one cell of a submission may run (default 60 s).</summary>
    public TimeSpan GradingCellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-offering late policies by <c>course/assignment</c>, replacing course.yml's.</summary>
    public IReadOnlyDictionary<string, LatePolicy> Offerings { get; init; } = new Dictionary<string, LatePolicy>(StringComparer.Ordinal);

    /// <summary>The late policy of an assignment in this hub: the offering's, else course.yml's, else none.</summary>
    public LatePolicy? LatePolicyFor(string course, CourseItem assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return Offerings.GetValueOrDefault(course + "/" + assignment.Id) ?? assignment.Late;
    }

    public static CourseOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var offerings = new Dictionary<string, LatePolicy>(StringComparer.Ordinal);
        foreach (var course in configuration.GetSection("Hub:Offerings").GetChildren())
        {
            foreach (var assignment in course.GetChildren())
            {
                offerings[course.Key + "/" + assignment.Key] = Offering(assignment);
            }
        }

        return new CourseOptions
        {
            CoursesDirectory = configuration["Hub:CoursesDirectory"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : FindCoursesDirectory(),
            SubmissionMaxBytes = Positive(configuration, "Hub:SubmissionMaxBytes", 5L * 1024 * 1024),
            GradingParallelism = (int)Positive(configuration, "Hub:GradingParallelism", Math.Max(1, Environment.ProcessorCount / 2)),
            GradingCellTimeout = TimeSpan.FromSeconds(Positive(configuration, "Hub:GradingCellTimeoutSeconds", 60)),
            Offerings = offerings,
        };
    }

    /// <summary>The <c>courses</c> folder (one with a paths.yml) above the hub's binaries or the current directory.</summary>
    private static string? FindCoursesDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "courses");
                if (File.Exists(Path.Combine(candidate, PathsFileReaderName)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private const string PathsFileReaderName = "paths.yml";

    private static LatePolicy Offering(IConfigurationSection section)
    {
        var where = section.Path;
        var due = section["Due"] is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{where}:Due is '{text}': write an ISO 8601 instant such as 2027-01-31T23:59:00Z.")
            : throw new InvalidOperationException($"{where} needs Due (an ISO 8601 instant).");
        var penalty = section["LatePenalty"] is { Length: > 0 } p
            ? double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
                ? percent
                : throw new InvalidOperationException($"{where}:LatePenalty is '{p}': give percent per day, 0 to 100.")
            : 0;
        int? lateDays = section["LateDays"] is { Length: > 0 } d
            ? int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 0
                ? days
                : throw new InvalidOperationException($"{where}:LateDays is '{d}': give whole days ≥ 0.")
            : null;
        return new LatePolicy { Due = due, PenaltyPercentPerDay = penalty, AcceptDaysLate = lateDays };
    }

    private static long Positive(IConfiguration configuration, string key, long fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{key} is '{text}': expected a whole number above 0.");
    }
}
