using AIStudio.Courses.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Grading;

/// <summary>
/// Runs the visible tests of an assignment (nbgrader's autograder cells: <c>grade</c> without <c>solution</c>, as saved
/// in the notebook) in the kernel where the student's answers already ran, one cell after the other, and reports which
/// pass. Nothing is graded or submitted: hidden tests are not in the student's notebook and run only when grading.
/// </summary>
public static class AssignmentCheck
{
    /// <summary>The notebook a <c>#!check</c> means: the one named, else the kernel's session notebook (jupyter_server's
    /// <c>JPY_SESSION_NAME</c>), else the only assignment notebook in the working directory.</summary>
    public static string Locate(string? notebook)
    {
        if (!string.IsNullOrWhiteSpace(notebook))
        {
            return File.Exists(notebook) ? Path.GetFullPath(notebook) : throw new FileNotFoundException($"No notebook at {notebook}.", notebook);
        }

        if (Environment.GetEnvironmentVariable("JPY_SESSION_NAME") is { Length: > 0 } session
            && session.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            var inHere = Path.Combine(Environment.CurrentDirectory, Path.GetFileName(session));
            foreach (var candidate in new[] { session, inHere })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        var assignments = Directory.EnumerateFiles(Environment.CurrentDirectory, "*.ipynb")
            .Where(HasTests)
            .Order(StringComparer.Ordinal)
            .ToList();
        return assignments.Count switch
        {
            1 => assignments[0],
            0 => throw new InvalidOperationException($"No assignment notebook (one with nbgrader test cells) in {Environment.CurrentDirectory}. Name it: #!check --notebook PATH.ipynb"),
            _ => throw new InvalidOperationException($"Several assignment notebooks here ({string.Join(", ", assignments.Select(Path.GetFileName))}): name one with #!check --notebook PATH.ipynb"),
        };
    }

    /// <summary>Runs the notebook's visible tests in <paramref name="kernel"/>'s C# kernel and reports each.</summary>
    public static async Task<CheckReport> RunAsync(Microsoft.DotNet.Interactive.Kernel kernel, string notebookPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var notebook = await Notebook.LoadAsync(notebookPath, cancellationToken).ConfigureAwait(false);
        var tests = notebook.Cells.Where(IsTest).ToList();
        if (tests.Count == 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(notebookPath)} has no visible tests (nbgrader cells with grade and without solution): nothing to check.");
        }

        var target = kernel.RootKernel is CompositeKernel composite && composite.FindKernelByName("csharp") is { } csharp ? csharp : kernel;
        var results = new List<CheckResult>(tests.Count);
        foreach (var cell in tests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await target.SendAsync(new SubmitCode(cell.Source), cancellationToken).ConfigureAwait(false);
            var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
            results.Add(new CheckResult(cell.Nbgrader!.GradeId is { Length: > 0 } id ? id : cell.DisplayName, cell.Nbgrader.Points ?? 0, failure is null, failure is null ? null : FirstLine(failure)));
        }

        return new CheckReport(notebookPath, results);
    }

    private static bool IsTest(NotebookCell cell) =>
        cell.CellType == NotebookCell.Code && cell.Nbgrader is { Grade: true, Solution: false };

    private static bool HasTests(string path)
    {
        try
        {
            return Notebook.Parse(File.ReadAllBytes(path), path).Cells.Any(IsTest);
        }
        catch (NotebookFormatException)
        {
            return false;
        }
    }

    /// <summary>The failure's message without the stack: "Assert failed: …" rather than a page of frames.</summary>
    private static string FirstLine(CommandFailed failure)
    {
        var message = failure.Exception?.Message is { Length: > 0 } exception ? exception : failure.Message;
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
