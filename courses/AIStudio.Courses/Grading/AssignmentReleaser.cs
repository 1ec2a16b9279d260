using AIStudio.Courses.Notebooks;
using AIStudio.Courses.Validation;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Makes the student version of an assignment, as nbgrader's generate_assignment does: solutions replaced by stubs,
/// hidden tests removed, outputs cleared, and the checksum of every graded, solution and locked cell written, so a
/// submission can be checked against it.
/// </summary>
public static class AssignmentReleaser
{
    /// <summary>The student version; throws <see cref="AssignmentException"/> when the source has errors.</summary>
    public static Notebook Release(Notebook source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = AssignmentChecker.Check(source).Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new AssignmentException(errors);
        }

        var student = source.Clone();
        foreach (var cell in student.Cells)
        {
            var nbgrader = cell.Nbgrader;
            var source1 = cell.Source;
            if (nbgrader?.Solution == true)
            {
                source1 = Markers.ReplaceSolutions(source1, cell.CellType == NotebookCell.Code);
            }

            cell.Source = Markers.RemoveHiddenTests(source1);
            cell.ClearOutputs();
            if (nbgrader is { IsTracked: true })
            {
                var released = nbgrader with { SchemaVersion = NbgraderMetadata.CurrentSchemaVersion, CellType = cell.CellType, Checksum = null };
                cell.SetNbgrader(released with { Checksum = NbgraderChecksum.Compute(cell.Source, cell.CellType, released) });
            }
        }

        return student;
    }

    /// <summary>Reads the source, writes the student version (atomically) and returns it.</summary>
    public static async Task<Notebook> ReleaseAsync(string sourcePath, string studentPath, CancellationToken cancellationToken = default)
    {
        var source = await Notebook.LoadAsync(sourcePath, cancellationToken).ConfigureAwait(false);
        var student = Release(source);
        await student.SaveAsync(studentPath, cancellationToken).ConfigureAwait(false);
        return student;
    }
}
