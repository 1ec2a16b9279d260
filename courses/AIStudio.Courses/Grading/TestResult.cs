using System.Text.Json.Serialization;

namespace AIStudio.Courses.Grading;

/// <summary>
/// One graded cell's result; its JSON is a test of Gradescope's results.json (name, score, max_score, output,
/// visibility, status passed/failed) with the cell, grade_id and a finer outcome added.
/// </summary>
public sealed record TestResult
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("grade_id")]
    public required string GradeId { get; init; }

    /// <summary>1-based number of the cell in the notebook that was run.</summary>
    [JsonPropertyName("cell")]
    public int Cell { get; init; }

    [JsonPropertyName("score")]
    public double Score { get; init; }

    [JsonPropertyName("max_score")]
    public double MaxScore { get; init; }

    /// <summary>Gradescope's status: passed or failed.</summary>
    [JsonPropertyName("status")]
    public string Status => Outcome == TestOutcome.Passed ? "passed" : "failed";

    [JsonPropertyName("outcome")]
    public TestOutcome Outcome { get; init; }

    /// <summary>What the learner reads: the exception of a failed test, why it did not run, or what it printed.</summary>
    [JsonPropertyName("output")]
    public string Output { get; init; } = "";

    /// <summary>Gradescope's visibility: visible, hidden, after_due_date or after_published.</summary>
    [JsonPropertyName("visibility")]
    public string Visibility { get; init; } = "visible";

    [JsonPropertyName("execution_time")]
    public double ExecutionTime { get; init; }
}
