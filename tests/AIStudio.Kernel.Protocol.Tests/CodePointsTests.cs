using AIStudio.Kernel.Protocol.Text;

namespace AIStudio.Kernel.Protocol.Tests;

/// <summary>Jupyter cursor positions count code points; .NET indexes UTF-16 units.</summary>
public sealed class CodePointsTests
{
    private const string Emoji = "😀"; // U+1F600: one code point, two UTF-16 units

    [Fact]
    public void Ascii_positions_are_the_same_in_both_counts()
    {
        Assert.Equal(5, CodePoints.ToUtf16Index("Console", 5));
        Assert.Equal(5, CodePoints.ToCodePointOffset("Console", 5));
    }

    [Fact]
    public void A_character_outside_the_BMP_counts_once_as_a_code_point_and_twice_as_UTF16()
    {
        var text = $"var s = \"{Emoji}\"; s.Len";

        var utf16 = text.Length;
        var points = CodePoints.ToCodePointOffset(text, utf16);

        Assert.Equal(utf16 - 1, points);
        Assert.Equal(utf16, CodePoints.ToUtf16Index(text, points));
    }

    [Fact]
    public void Offsets_past_the_end_are_clamped()
    {
        Assert.Equal(3, CodePoints.ToUtf16Index("abc", 10));
        Assert.Equal(3, CodePoints.ToCodePointOffset("abc", 10));
    }
}
