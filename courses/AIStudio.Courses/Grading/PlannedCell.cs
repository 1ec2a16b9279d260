namespace AIStudio.Courses.Grading;

/// <summary>One cell the grader runs: its number in the graded notebook, type, code, and the test it is (null: not graded).</summary>
internal sealed record PlannedCell(int Number, string CellType, string Code, NbgraderMetadata? Test);
