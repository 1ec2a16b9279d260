using System.Globalization;

namespace AIStudio.Courses.Validation;

/// <summary>One problem found in a course, path or notebook file: where it is, how bad, and what to do.</summary>
public sealed record ValidationProblem(string File, int Line, int Column, Severity Severity, string Message)
{
    /// <summary>The compiler-style line editors and CI annotate: <c>file:line:col: error: message</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Math.Max(Line, 1)}:{Math.Max(Column, 1)}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}");
}
