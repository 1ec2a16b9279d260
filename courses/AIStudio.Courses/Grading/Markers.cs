namespace AIStudio.Courses.Grading;

/// <summary>
/// The region markers of assignment cells, nbgrader's with C# comments: <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>
/// and <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c>. A marker is a line of its own; the comment mark
/// before it may be <c>//</c> or <c>#</c>s (markdown cells, nbgrader's Python notebooks), so both formats read alike.
/// </summary>
public static class Markers
{
    public const string BeginSolution = "BEGIN SOLUTION";
    public const string EndSolution = "END SOLUTION";
    public const string BeginHiddenTests = "BEGIN HIDDEN TESTS";
    public const string EndHiddenTests = "END HIDDEN TESTS";

    /// <summary>What replaces a code solution in the student version (nbgrader's code_stub, in C#).</summary>
    public const string CodeStub = "throw new NotImplementedException();";

    /// <summary>What replaces a written answer in the student version (nbgrader's text_stub).</summary>
    public const string TextStub = "YOUR ANSWER HERE";

    /// <summary>The marker a line is (one of the constants above), or null.</summary>
    public static string? MarkerOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.AsSpan().Trim();
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        else
        {
            text = text.TrimStart('#');
        }

        text = text.Trim();
        foreach (var marker in (ReadOnlySpan<string>)[BeginSolution, EndSolution, BeginHiddenTests, EndHiddenTests])
        {
            if (text.Equals(marker, StringComparison.Ordinal))
            {
                return marker;
            }
        }

        return null;
    }

    /// <summary>True when the source has at least one marker of the given pair.</summary>
    public static bool Contains(string source, string beginMarker) =>
        NotebookLines(source).Any(l => MarkerOf(l) == beginMarker);

    /// <summary>Problems with the markers of one cell's source: unbalanced, nested or mixed pairs; each with its 1-based line in the cell.</summary>
    public static IReadOnlyList<(int Line, string Message)> Check(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<(int, string)>();
        string? open = null;
        var openLine = 0;
        var lineNumber = 0;
        foreach (var line in NotebookLines(source))
        {
            lineNumber++;
            var marker = MarkerOf(line);
            switch (marker)
            {
                case BeginSolution or BeginHiddenTests when open is not null:
                    problems.Add((lineNumber, $"'{marker}' inside the '{open}' region opened on line {openLine}: close that region first with '// {EndOf(open)}'."));
                    break;
                case BeginSolution or BeginHiddenTests:
                    open = marker;
                    openLine = lineNumber;
                    break;
                case EndSolution or EndHiddenTests when open is null:
                    problems.Add((lineNumber, $"'{marker}' without a matching '// {BeginOf(marker)}' before it."));
                    break;
                case EndSolution or EndHiddenTests when EndOf(open!) != marker:
                    problems.Add((lineNumber, $"'{marker}' closes the '{open}' region opened on line {openLine}: write '// {EndOf(open!)}'."));
                    open = null;
                    break;
                case EndSolution or EndHiddenTests:
                    open = null;
                    break;
                default:
                    break;
            }
        }

        if (open is not null)
        {
            problems.Add((openLine, $"'{open}' is never closed: add '// {EndOf(open)}' after the region."));
        }

        return problems;
    }

    /// <summary>
    /// The student's version of a solution cell: each solution region replaced by the stub (indented like its begin marker);
    /// a cell without markers is replaced whole, as nbgrader does.
    /// </summary>
    public static string ReplaceSolutions(string source, bool isCode)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stub = isCode ? CodeStub : TextStub;
        if (!Contains(source, BeginSolution))
        {
            return stub;
        }

        var output = new List<string>();
        var inSolution = false;
        foreach (var line in NotebookLines(source))
        {
            var marker = MarkerOf(line);
            if (marker == BeginSolution)
            {
                inSolution = true;
                var indent = line[..(line.Length - line.TrimStart().Length)];
                output.Add(indent + stub + "\n");
            }
            else if (marker == EndSolution)
            {
                inSolution = false;
            }
            else if (!inSolution)
            {
                output.Add(line);
            }
        }

        return TrimFinalNewline(string.Concat(output));
    }

    /// <summary>Removes hidden test regions, markers included (the student version).</summary>
    public static string RemoveHiddenTests(string source) => FilterRegions(source, BeginHiddenTests, EndHiddenTests, keepContent: false);

    /// <summary>Removes the hidden-test marker lines but keeps what they enclose (what the grader runs).</summary>
    public static string UnwrapHiddenTests(string source) => FilterRegions(source, BeginHiddenTests, EndHiddenTests, keepContent: true);

    /// <summary>Removes the solution marker lines but keeps the solution (the instructor's runnable version).</summary>
    public static string UnwrapSolutions(string source) => FilterRegions(source, BeginSolution, EndSolution, keepContent: true);

    /// <summary>Lines with their line breaks, as the notebook stores them.</summary>
    internal static IEnumerable<string> NotebookLines(string source) => Notebooks.NotebookJson.SplitLines(source);

    private static string FilterRegions(string source, string begin, string end, bool keepContent)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Contains(source, begin))
        {
            return source;
        }

        var output = new List<string>();
        var inside = false;
        foreach (var line in NotebookLines(source))
        {
            var marker = MarkerOf(line);
            if (marker == begin)
            {
                inside = true;
            }
            else if (marker == end)
            {
                inside = false;
            }
            else if (!inside || keepContent)
            {
                output.Add(line);
            }
        }

        return TrimFinalNewline(string.Concat(output));
    }

    private static string TrimFinalNewline(string text) => text.EndsWith('\n') ? text.TrimEnd('\n') : text;

    private static string EndOf(string begin) => begin == BeginSolution ? EndSolution : EndHiddenTests;

    private static string BeginOf(string end) => end == EndSolution ? BeginSolution : BeginHiddenTests;
}
