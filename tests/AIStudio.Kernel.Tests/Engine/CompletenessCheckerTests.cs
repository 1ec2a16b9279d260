using AIStudio.Kernel.Engine;

namespace AIStudio.Kernel.Tests.Engine;

/// <summary>is_complete for C#, decided from syntax alone.</summary>
public sealed class CompletenessCheckerTests
{
    [Theory]
    [InlineData("1+1")]
    [InlineData("var x = 1;")]
    [InlineData("if (true) { }")]
    [InlineData("")]
    [InlineData("#!time\n1+1")]
    public void Finished_code_is_complete(string code) => Assert.Equal("complete", CompletenessChecker.Check(code).Status);

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) {", "    ")]
    [InlineData("class A { void F() {", "        ")]
    [InlineData("int x = ", "")]
    [InlineData("Console.WriteLine(", "    ")]
    public void Code_that_more_lines_can_finish_is_incomplete_with_an_indent(string code, string indent)
    {
        var result = CompletenessChecker.Check(code);

        Assert.Equal("incomplete", result.Status);
        Assert.Equal(indent, result.Indent);
    }

    [Theory]
    [InlineData("1+1)")]
    [InlineData("int 1x = 2;")]
    [InlineData("var x = );")]
    public void Code_that_no_more_lines_can_fix_is_invalid(string code) => Assert.Equal("invalid", CompletenessChecker.Check(code).Status);
}
