namespace AIStudio.Kernel.Engine;

/// <summary>Positions in cell text: UTF-16 index ↔ line/character, and the identifier around a cursor.</summary>
internal static class CodeText
{
    public static Microsoft.DotNet.Interactive.LinePosition ToLinePosition(string code, int index)
    {
        index = Math.Clamp(index, 0, code.Length);
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (code[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Microsoft.DotNet.Interactive.LinePosition(line, index - lineStart);
    }

    /// <summary>The identifier that the cursor is in or just after: [start, end).</summary>
    public static (int Start, int End) IdentifierAround(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && IsIdentifierChar(code[start - 1]))
        {
            start--;
        }

        var end = cursor;
        while (end < code.Length && IsIdentifierChar(code[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>The plain name to insert for a completion item (no snippet syntax, no generic brackets).</summary>
    public static string CompletionText(string? insertText, string? displayText)
    {
        var text = string.IsNullOrEmpty(insertText) ? displayText ?? "" : insertText;
        var end = 0;
        while (end < text.Length && (IsIdentifierChar(text[end]) || (end == 0 && text[end] == '@')))
        {
            end++;
        }

        return text[..end];
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
