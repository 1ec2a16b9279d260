using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Grading;

/// <summary>
/// What the grader runs: the submission's cells in its order, with every locked and test cell replaced by the
/// assignment's original (hidden tests restored), deleted ones put back where the assignment has them, and the
/// student's answers in the solution cells. Cells a submission added with an unknown grade_id are left out.
/// </summary>
internal sealed class GradingPlan
{
    private GradingPlan(IReadOnlyList<PlannedCell> cells) => Cells = cells;

    public IReadOnlyList<PlannedCell> Cells { get; }

    public static GradingPlan Build(Notebook source, Notebook submission)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(submission);
        var released = AssignmentReleaser.Release(source);
        var tracked = source.Cells
            .Where(c => c.Nbgrader is { IsTracked: true, GradeId.Length: > 0 })
            .Select(c => (Cell: c, Released: released.Cells[c.Index]))
            .ToList();
        var positionOf = tracked.Select((t, i) => (t.Cell.Nbgrader!.GradeId!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        var emitted = new bool[tracked.Count];
        var plan = new List<PlannedCell>();

        void Emit(NotebookCell cell, string code, NbgraderMetadata? test) => plan.Add(new PlannedCell(plan.Count + 1, cell.CellType, code, test));

        void Restore(int index)
        {
            var (original, releasedCell) = tracked[index];
            emitted[index] = true;
            var nbgrader = original.Nbgrader!;
            // A deleted solution cell runs as the student got it (the stub); everything else as the assignment has it.
            var code = nbgrader.Solution ? releasedCell.Source : Markers.UnwrapHiddenTests(original.Source);
            Emit(original, code, nbgrader.Grade ? nbgrader : null);
        }

        void RestoreBefore(int index)
        {
            for (var i = 0; i < index; i++)
            {
                if (!emitted[i])
                {
                    Restore(i);
                }
            }
        }

        foreach (var cell in submission.Cells)
        {
            var nbgrader = cell.Nbgrader;
            if (nbgrader is not { IsTracked: true })
            {
                Emit(cell, cell.Source, test: null);
                continue;
            }

            if (nbgrader.GradeId is not { } id || !positionOf.TryGetValue(id, out var index) || emitted[index])
            {
                continue;
            }

            RestoreBefore(index);
            var original = tracked[index].Cell;
            var want = original.Nbgrader!;
            if (want.Solution)
            {
                emitted[index] = true;
                plan.Add(new PlannedCell(plan.Count + 1, original.CellType, cell.Source, want.Grade ? want : null));
            }
            else
            {
                Restore(index);
            }
        }

        RestoreBefore(tracked.Count);
        return new GradingPlan(plan);
    }
}
