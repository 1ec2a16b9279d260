using Microsoft.CodeAnalysis.Text;

namespace AIStudio.Kernel.Engine;

/// <summary>A cell after <see cref="CellRewriter"/>: the code to compile and where text was inserted.</summary>
internal sealed class RewrittenCell(string code, IReadOnlyList<(int Position, string Text)> insertions, bool awaits = false)
{
    /// <summary>
    /// True when the cell's own statements await: its thread then goes back to .NET Interactive's scheduler while it
    /// waits, so an interrupt must cancel the command rather than interrupt the thread.
    /// </summary>
    public bool Awaits { get; } = awaits;

    public string Code { get; } = code;

    public IReadOnlyList<(int Position, string Text)> Insertions { get; } = insertions;

    /// <summary>Maps a line/column in the rewritten code back to the user's code.</summary>
    public LinePosition MapToOriginal(string original, LinePosition rewritten)
    {
        if (Insertions.Count == 0)
        {
            return rewritten;
        }

        var rewrittenText = SourceText.From(Code);
        if (rewritten.Line >= rewrittenText.Lines.Count)
        {
            return rewritten;
        }

        var index = rewrittenText.Lines.GetPosition(rewritten);
        var shift = 0;
        foreach (var (position, text) in Insertions)
        {
            var insertedAt = position + shift;
            if (index < insertedAt)
            {
                break;
            }

            if (index < insertedAt + text.Length)
            {
                // A position inside inserted text maps to where the insertion was made.
                return SourceText.From(original).Lines.GetLinePosition(Math.Clamp(position, 0, original.Length));
            }

            shift += text.Length;
        }

        var originalIndex = index - shift;
        originalIndex = Math.Clamp(originalIndex, 0, original.Length);
        return SourceText.From(original).Lines.GetLinePosition(originalIndex);
    }
}
