using AIStudio.Courses.Notebooks;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Checks an assignment's source notebook before it is released or graded: nbgrader metadata (schema version 3, unique
/// grade_ids, points only on grade cells), markers (balanced, solutions marked) and that something is graded at all.
/// </summary>
public static class AssignmentChecker
{
    public static IReadOnlyList<ValidationProblem> Check(Notebook notebook, bool requireGradedCell = true)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var file = notebook.Path ?? "notebook.ipynb";
        var problems = new List<ValidationProblem>();
        var seen = new Dictionary<string, NotebookCell>(StringComparer.Ordinal);
        var graded = 0;
        foreach (var cell in notebook.Cells)
        {
            void Report(Severity severity, string message, int lineInCell = 0) =>
                problems.Add(new ValidationProblem(file, cell.Position.Line, cell.Position.Column, severity,
                    lineInCell > 0 ? FormattableString.Invariant($"{cell.DisplayName}, line {lineInCell} of its source: {message}") : $"{cell.DisplayName}: {message}"));

            foreach (var (line, message) in Markers.Check(cell.Source))
            {
                Report(Severity.Error, message, line);
            }

            var nbgrader = cell.Nbgrader;
            var hasSolutionMarkers = Markers.Contains(cell.Source, Markers.BeginSolution);
            var hasHiddenTests = Markers.Contains(cell.Source, Markers.BeginHiddenTests);
            if (nbgrader is null || !nbgrader.IsTracked)
            {
                if (hasSolutionMarkers)
                {
                    Report(Severity.Error, "has '// BEGIN SOLUTION' but is not a solution cell: set metadata.nbgrader.solution to true (with a grade_id), or the solution is released to students.");
                }

                if (hasHiddenTests)
                {
                    Report(Severity.Error, "has '// BEGIN HIDDEN TESTS' but is not a test cell: set metadata.nbgrader.grade to true with a grade_id and points.");
                }

                if (nbgrader?.Points is not null)
                {
                    Report(Severity.Error, "has points but is not a grade cell: set metadata.nbgrader.grade to true or remove the points.");
                }

                continue;
            }

            if (nbgrader.SchemaVersion != NbgraderMetadata.CurrentSchemaVersion)
            {
                Report(Severity.Error, nbgrader.SchemaVersion is null
                    ? "metadata.nbgrader has no schema_version: add \"schema_version\": 3."
                    : FormattableString.Invariant($"metadata.nbgrader.schema_version is {nbgrader.SchemaVersion}: only version 3 is supported (run 'nbgrader update' on the notebook)."));
            }

            if (string.IsNullOrWhiteSpace(nbgrader.GradeId))
            {
                Report(Severity.Error, "metadata.nbgrader has no grade_id: give every graded, solution and locked cell a unique grade_id.");
            }
            else if (seen.TryGetValue(nbgrader.GradeId, out var first))
            {
                Report(Severity.Error, $"grade_id '{nbgrader.GradeId}' is already used by {first.DisplayName} (line {first.Position.Line}): grade_ids must be unique.");
            }
            else
            {
                seen[nbgrader.GradeId] = cell;
            }

            if (nbgrader.Grade)
            {
                graded++;
                if (nbgrader.Points is not { } points || points < 0 || !double.IsFinite(points))
                {
                    Report(Severity.Error, "is a grade cell without points: set metadata.nbgrader.points to a number of 0 or more.");
                }
            }
            else if (nbgrader.Points is { } points && points != 0)
            {
                Report(Severity.Error, "has points but is not a grade cell: set metadata.nbgrader.grade to true or remove the points.");
            }

            if (nbgrader.Solution && !hasSolutionMarkers && cell.CellType == NotebookCell.Code)
            {
                Report(Severity.Warning, "is a solution cell without '// BEGIN SOLUTION' / '// END SOLUTION': the whole cell is replaced by the stub in the student version.");
            }

            if (!nbgrader.Solution && hasSolutionMarkers)
            {
                Report(Severity.Error, "has '// BEGIN SOLUTION' but metadata.nbgrader.solution is false: set it to true, or the solution is released to students.");
            }

            if (hasHiddenTests && !(nbgrader.Grade && !nbgrader.Solution))
            {
                Report(Severity.Error, "has hidden tests but is not a test cell (grade true, solution false): hidden tests only make sense in test cells.");
            }

            if (nbgrader.Grade && !nbgrader.Solution && cell.CellType != NotebookCell.Code)
            {
                Report(Severity.Error, "is a test cell (grade without solution) but not a code cell: tests must be code, or mark it as a solution for manual grading.");
            }
        }

        if (requireGradedCell && graded == 0)
        {
            problems.Add(new ValidationProblem(file, 1, 1, Severity.Error,
                "the assignment has no graded cell: mark at least one test cell with metadata.nbgrader grade: true, a grade_id and points."));
        }

        return problems;
    }
}
