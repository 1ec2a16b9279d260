using System.Globalization;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Parsing;

namespace AIStudio.Kernel.Engine;

/// <summary>Turns a failed submission into a Jupyter error: compiler messages with line and column, or the exception.</summary>
internal static class ErrorReport
{
    public const string CompilationErrorName = "CompilationError";

    public static ExecutionError From(CommandFailed failure, IReadOnlyList<Microsoft.DotNet.Interactive.Diagnostic> errors, string code, RewrittenCell rewritten, bool interrupted)
    {
        var exception = failure.Exception;
        if (interrupted && (exception is null or OperationCanceledException or ThreadInterruptedException))
        {
            return new ExecutionError(ExecutionError.InterruptedName, "The cell was interrupted.", ["OperationCanceledException: The cell was interrupted."]);
        }

        if (errors.Count > 0 || exception?.GetType().Name == "CodeSubmissionCompilationErrorException")
        {
            var lines = errors.Count > 0
                ? errors.Select(e => Describe(e, code, rewritten)).ToList()
                : failure.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            return new ExecutionError(CompilationErrorName, lines.Count > 0 ? lines[0] : failure.Message, lines);
        }

        if (exception is null)
        {
            return new ExecutionError("Error", failure.Message, [failure.Message]);
        }

        return new ExecutionError(exception.GetType().Name, exception.Message, Traceback(exception));
    }

    private static string Describe(Microsoft.DotNet.Interactive.Diagnostic diagnostic, string code, RewrittenCell rewritten)
    {
        var start = diagnostic.LinePositionSpan.Start;
        var mapped = rewritten.MapToOriginal(code, new Microsoft.CodeAnalysis.Text.LinePosition(start.Line, start.Character));
        return string.Create(CultureInfo.InvariantCulture, $"({mapped.Line + 1},{mapped.Character + 1}): error {diagnostic.Code}: {diagnostic.Message}");
    }

    /// <summary>The exception and its stack, without the frames of the kernel and .NET Interactive.</summary>
    internal static IReadOnlyList<string> Traceback(Exception exception)
    {
        var lines = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            lines.Add(e == exception ? $"{e.GetType().FullName}: {e.Message}" : $" ---> {e.GetType().FullName}: {e.Message}");
            foreach (var frame in (e.StackTrace ?? "").Split('\n'))
            {
                var line = frame.TrimEnd('\r');
                if (line.Length == 0 || IsInfrastructure(line))
                {
                    continue;
                }

                lines.Add(line);
            }
        }

        return lines;
    }

    private static bool IsInfrastructure(string frame) =>
        frame.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
        || frame.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal)
        || frame.Contains("AIStudio.Kernel.", StringComparison.Ordinal)
        || frame.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
        || frame.Contains("--- End of stack trace", StringComparison.Ordinal)
        || frame.Contains(nameof(SubmissionParser), StringComparison.Ordinal);
}
