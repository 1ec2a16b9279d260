namespace AIStudio.Courses.Notebooks;

/// <summary>A 1-based line and column in a text file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition Unknown { get; } = new(0, 0);

    public override string ToString() => FormattableString.Invariant($"{Line}:{Column}");
}
