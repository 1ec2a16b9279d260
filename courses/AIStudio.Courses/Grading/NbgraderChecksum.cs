using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Grading;

/// <summary>
/// nbgrader's cell checksum (nbgrader.utils.compute_checksum, 0.5 and later), so that checksums written here and by
/// nbgrader agree: MD5 over the UTF-8 of the source, the cell type, "True"/"False" for grade, solution and locked (as
/// Python prints booleans), the grade_id, and for grade cells the points as Python's str(float(points)).
/// </summary>
public static class NbgraderChecksum
{
    public static string Compute(NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var nbgrader = cell.Nbgrader ?? throw new ArgumentException($"{cell.DisplayName} has no nbgrader metadata.", nameof(cell));
        return Compute(cell.Source, cell.CellType, nbgrader);
    }

    public static string Compute(string source, string cellType, NbgraderMetadata nbgrader)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cellType);
        ArgumentNullException.ThrowIfNull(nbgrader);
        var text = new StringBuilder()
            .Append(source)
            .Append(cellType)
            .Append(PythonBool(nbgrader.Grade))
            .Append(PythonBool(nbgrader.Solution))
            .Append(PythonBool(IsLocked(nbgrader)))
            .Append(nbgrader.GradeId ?? "");
        if (nbgrader.Grade)
        {
            text.Append(PythonFloat(nbgrader.Points ?? 0));
        }

#pragma warning disable CA5351 // MD5 is nbgrader's choice; it detects edits, it does not protect secrets.
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5351
    }

    /// <summary>nbgrader.utils.is_locked: solution cells never, grade cells always, else the locked flag.</summary>
    public static bool IsLocked(NbgraderMetadata nbgrader)
    {
        ArgumentNullException.ThrowIfNull(nbgrader);
        return !nbgrader.Solution && (nbgrader.Grade || nbgrader.Locked);
    }

    private static string PythonBool(bool value) => value ? "True" : "False";

    /// <summary>Python's str(float(x)): the shortest round-trip digits, with ".0" on whole numbers.</summary>
    internal static string PythonFloat(double value)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("F0", CultureInfo.InvariantCulture) + ".0";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
