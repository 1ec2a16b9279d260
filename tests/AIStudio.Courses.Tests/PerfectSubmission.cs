using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Tests;

/// <summary>
/// What a perfect student hands in: the released notebook with every graded, solution and locked cell (matched by
/// grade_id) given back the source's text without its hidden tests and without the solution markers. Built from the
/// released notebook, not the source, so that anything the release changes (stubs, checksums, metadata) is what the
/// student really starts from.
/// </summary>
internal static class PerfectSubmission
{
    public static Notebook FromReleased(Notebook source, Notebook released)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(released);
        var authored = source.Cells
            .Where(c => c.Nbgrader is { IsTracked: true, GradeId.Length: > 0 })
            .ToDictionary(c => c.Nbgrader!.GradeId!, StringComparer.Ordinal);
        var submission = released.Clone();
        foreach (var cell in submission.Cells)
        {
            if (cell.Nbgrader?.GradeId is not { Length: > 0 } id)
            {
                continue;
            }

            // A released cell without a source cell of its grade_id would be a releaser bug: fail loudly, not skip it.
            var original = authored.TryGetValue(id, out var found)
                ? found
                : throw new InvalidOperationException($"The released notebook has grade_id '{id}', which its source does not.");
            var text = Markers.RemoveHiddenTests(original.Source);
            cell.Source = original.Nbgrader!.Solution ? Markers.UnwrapSolutions(text) : text;
        }

        return submission;
    }
}
