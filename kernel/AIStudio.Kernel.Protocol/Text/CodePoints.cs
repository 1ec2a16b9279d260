namespace AIStudio.Kernel.Protocol.Text;

/// <summary>
/// Cursor positions in Jupyter messaging (5.2+) count Unicode code points; .NET strings index UTF-16 code units.
/// A character outside the Basic Multilingual Plane (an emoji) is one code point and two code units.
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of the given code-point offset (clamped to the text).</summary>
    public static int ToUtf16Index(string text, int codePointOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = 0;
        for (var points = 0; points < codePointOffset && index < text.Length; points++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The code-point offset of the given UTF-16 index (clamped to the text).</summary>
    public static int ToCodePointOffset(string text, int utf16Index)
    {
        ArgumentNullException.ThrowIfNull(text);
        utf16Index = Math.Clamp(utf16Index, 0, text.Length);
        var points = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                points++;
            }
        }

        return points;
    }
}
