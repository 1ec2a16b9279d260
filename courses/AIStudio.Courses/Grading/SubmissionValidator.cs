using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Compares a submission with the assignment it answers (nbgrader's validate, with the checksums of the released version
/// recomputed from the source rather than trusted from the submission): changed locked or test cells, deleted or added
/// graded cells, changed grade_ids, points or cell types. A locked or test cell that equals the source's own (hidden tests
/// included) is unchanged too, so the source itself, or a submission made from it, validates clean.
/// </summary>
public static class SubmissionValidator
{
    public static IReadOnlyList<SubmissionProblem> Validate(Notebook source, Notebook submission)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(submission);
        var released = AssignmentReleaser.Release(source);
        var expected = released.Cells
            .Where(c => c.Nbgrader is { IsTracked: true, GradeId.Length: > 0 })
            .ToDictionary(c => c.Nbgrader!.GradeId!, StringComparer.Ordinal);
        var authored = source.Cells
            .Where(c => c.Nbgrader is { IsTracked: true, GradeId.Length: > 0 })
            .ToDictionary(c => c.Nbgrader!.GradeId!, c => c.Source, StringComparer.Ordinal);
        var problems = new List<SubmissionProblem>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in submission.Cells)
        {
            var nbgrader = cell.Nbgrader;
            if (nbgrader is not { IsTracked: true })
            {
                continue;
            }

            var number = cell.Index + 1;
            var id = nbgrader.GradeId;
            if (id is null || !expected.TryGetValue(id, out var original))
            {
                problems.Add(new SubmissionProblem(number, id, FormattableString.Invariant(
                    $"Cell {number} has grade_id '{id}', which the assignment does not have: a graded cell was added or its grade_id changed. Start again from the released notebook and keep the cells' metadata.")));
                continue;
            }

            if (!found.Add(id))
            {
                problems.Add(new SubmissionProblem(number, id, FormattableString.Invariant(
                    $"Cell {number} repeats grade_id '{id}': a graded cell was copied. Delete the copy.")));
                continue;
            }

            var want = original.Nbgrader!;
            if (cell.CellType != original.CellType)
            {
                problems.Add(new SubmissionProblem(number, id, FormattableString.Invariant(
                    $"Cell {number} ('{id}') was changed from a {original.CellType} cell to a {cell.CellType} cell: change it back.")));
            }

            if (nbgrader.Grade != want.Grade || nbgrader.Solution != want.Solution || NbgraderChecksum.IsLocked(nbgrader) != NbgraderChecksum.IsLocked(want)
                || (want.Grade && nbgrader.Points != want.Points))
            {
                problems.Add(new SubmissionProblem(number, id, FormattableString.Invariant(
                    $"Cell {number} ('{id}') had its grading metadata changed (grade, solution, locked or points): restore it from the released notebook.")));
            }

            // The released checksum covers the cell without its hidden tests; the source's own text (with them) is the
            // same cell as the instructor wrote it, not a change. Anything else differs from both and is tampering.
            if (want.IsEffectivelyLocked && NbgraderChecksum.Compute(cell.Source, cell.CellType, want) != want.Checksum
                && !string.Equals(cell.Source, authored[id], StringComparison.Ordinal))
            {
                var kind = want.Grade ? "test cell" : "locked cell";
                problems.Add(new SubmissionProblem(number, id, FormattableString.Invariant(
                    $"Cell {number} ('{id}') is a {kind} and was changed: only solution cells may be edited. Restore it from the released notebook (the grader runs the original anyway).")));
            }
        }

        foreach (var (id, cell) in expected)
        {
            if (!found.Contains(id))
            {
                var kind = cell.Nbgrader!.Solution ? "solution cell" : cell.Nbgrader.Grade ? "test cell" : "locked cell";
                problems.Add(new SubmissionProblem(0, id, FormattableString.Invariant(
                    $"The {kind} '{id}' (cell {cell.Index + 1} of the assignment) was deleted: copy it back from the released notebook.")));
            }
        }

        return problems;
    }
}
