using System.Text.Json.Serialization;

namespace AIStudio.Courses.Grading;

/// <summary>
/// The result of grading one submission. Its JSON is a Gradescope results.json (score, max_score, execution_time,
/// output, visibility, tests[]) with the submission's name, the problems found in it and how the run ended added.
/// </summary>
public sealed record GradingReport
{
    [JsonPropertyName("submission")]
    public required string Submission { get; init; }

    [JsonPropertyName("score")]
    public double Score { get; init; }

    [JsonPropertyName("max_score")]
    public double MaxScore { get; init; }

    /// <summary>Seconds from the start of grading to the report.</summary>
    [JsonPropertyName("execution_time")]
    public double ExecutionTime { get; init; }

    /// <summary>A summary for the learner (Gradescope shows it above the tests).</summary>
    [JsonPropertyName("output")]
    public string Output { get; init; } = "";

    [JsonPropertyName("visibility")]
    public string Visibility { get; init; } = "visible";

    [JsonPropertyName("tests")]
    public IReadOnlyList<TestResult> Tests { get; init; } = [];

    /// <summary>What the submission changed that it must not (tampered or deleted cells); the grader ran the originals.</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<SubmissionProblem> Problems { get; init; } = [];

    /// <summary>Why the run stopped early (timeout, memory cap, kernel died, grading error), or null when every cell ran.</summary>
    [JsonPropertyName("stopped")]
    public string? Stopped { get; init; }

    /// <summary>The highest resident memory of the kernel's processes seen while grading, in bytes (0 when not measured).</summary>
    [JsonPropertyName("peak_memory_bytes")]
    public long PeakMemoryBytes { get; init; }

    /// <summary>Whether the kernel ran confined (bubblewrap, no network).</summary>
    [JsonPropertyName("sandboxed")]
    public bool Sandboxed { get; init; }

    /// <summary>Score as a percentage of the maximum (0 when nothing is graded).</summary>
    [JsonIgnore]
    public double Percentage => MaxScore > 0 ? 100 * Score / MaxScore : 0;
}
