using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Completion;

/// <summary>complete_request; cursor positions count Unicode code points (messaging 5.2+), not UTF-16 units.</summary>
public sealed class CompleteTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Console_Wri_completes_to_Write_and_WriteLine_replacing_the_typed_prefix()
    {
        const string code = "Console.Wri";
        using var timeout = Timeouts.After(Timeouts.FirstExecute);

        var reply = await fixture.Connection.CompleteAsync(code, code.Length, timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.Contains("WriteLine", reply.Matches);
        Assert.Contains("Write", reply.Matches);
        Assert.Equal(8, reply.CursorStart);
        Assert.Equal(11, reply.CursorEnd);
    }

    [Theory]
    [InlineData("var face = \"\U0001F600\"; Console.Wri")]
    [InlineData("var math = \"\U0001D400\U0001D401\"; // \u00e9\nConsole.Wri")]
    public async Task Cursor_positions_count_code_points_when_a_non_BMP_character_comes_before_the_cursor(string code)
    {
        var codePoints = code.EnumerateRunes().Count();
        Assert.True(codePoints < code.Length, "The code must hold a character outside the BMP (a surrogate pair).");
        using var timeout = Timeouts.After(Timeouts.FirstExecute);

        var reply = await fixture.Connection.CompleteAsync(code, codePoints, timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.Contains("WriteLine", reply.Matches);
        Assert.Equal(codePoints - "Wri".Length, reply.CursorStart);
        Assert.Equal(codePoints, reply.CursorEnd);
    }

    [Fact]
    public async Task Variables_defined_in_earlier_cells_are_completed()
    {
        await fixture.Connection.RunOkAsync("var completionTarget = 1;");
        using var timeout = Timeouts.After(Timeouts.Request);

        var reply = await fixture.Connection.CompleteAsync("completionTa", "completionTa".Length, timeout.Token);

        Assert.Contains("completionTarget", reply.Matches);
        Assert.Equal(0, reply.CursorStart);
    }

    public void Dispose() => _log.Dispose();
}
