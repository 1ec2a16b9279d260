using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Grading;

/// <summary>One submission to grade against the assignment's source notebook (with solutions and hidden tests).</summary>
public sealed record GradingRequest
{
    /// <summary>The name the report carries (the submission's file name, a learner id).</summary>
    public required string Name { get; init; }

    public required Notebook Source { get; init; }

    public required Notebook Submission { get; init; }
}
