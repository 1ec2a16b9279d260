using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Grading;

/// <summary>An assignment that cannot be released or graded as it is; <see cref="Problems"/> says every reason.</summary>
public sealed class AssignmentException : Exception
{
    public AssignmentException()
    {
    }

    public AssignmentException(string message)
        : base(message)
    {
    }

    public AssignmentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AssignmentException(IReadOnlyList<ValidationProblem> problems)
        : base("The assignment has problems:\n" + string.Join('\n', problems ?? []))
    {
        Problems = problems ?? [];
    }

    public IReadOnlyList<ValidationProblem> Problems { get; } = [];
}
