using AIStudio.Kernel.Engine;
using Microsoft.CodeAnalysis.Text;

namespace AIStudio.Kernel.Tests.Engine;

/// <summary>The interrupt checks woven into cells, and how compiler positions map back to the user's code.</summary>
public sealed class CellRewriterTests
{
    private const string Check = "global::AIStudio.Kernel.Scripting.CellRuntime.Check();";
    private const string Enter = "global::AIStudio.Kernel.Scripting.CellRuntime.Enter();";

    [Theory]
    [InlineData("while (true) { }", "E;while (true) {C; }")]
    [InlineData("for (;;) { x++; }", "E;for (;;) {C; x++; }")]
    [InlineData("do { } while (true);", "E;do {C; } while (true);")]
    [InlineData("foreach (var i in xs) { }", "E;foreach (var i in xs) {C; }")]
    public void Every_loop_body_starts_with_a_check(string code, string expected)
    {
        var rewritten = CellRewriter.Rewrite(code);

        Assert.Equal(expected.Replace("E;", Enter, StringComparison.Ordinal).Replace("C;", Check, StringComparison.Ordinal), rewritten.Code);
    }

    [Fact]
    public void A_loop_without_braces_gets_a_block_with_the_check()
    {
        var rewritten = CellRewriter.Rewrite("while (true) x++;");

        Assert.Equal(Enter + "while (true) {" + Check + "x++;}", rewritten.Code);
    }

    [Fact]
    public void An_empty_loop_body_gets_a_block_with_the_check()
    {
        var rewritten = CellRewriter.Rewrite("for (;;);");

        Assert.Equal(Enter + "for (;;){" + Check + ";}", rewritten.Code);
    }

    [Fact]
    public void Methods_and_lambdas_check_on_entry()
    {
        var rewritten = CellRewriter.Rewrite("int F(int n) { return n; }\nFunc<int, int> g = x => { return x; };\nF(1)");

        Assert.Contains("int F(int n) {" + Check, rewritten.Code, StringComparison.Ordinal);
        Assert.Contains("x => {" + Check, rewritten.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Enter_comes_after_using_directives_so_the_cell_still_compiles()
    {
        var rewritten = CellRewriter.Rewrite("using System.Text;\nvar sb = new StringBuilder();");

        Assert.StartsWith("using System.Text;\n" + Enter, rewritten.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_with_syntax_errors_is_left_as_the_user_wrote_it()
    {
        const string code = "while (true) { int x = ; }";

        Assert.Equal(code, CellRewriter.Rewrite(code).Code);
    }

    [Fact]
    public void Magic_lines_are_masked_with_spaces_of_the_same_length()
    {
        const string code = "#!time\nwhile (true) { }";

        var masked = CellRewriter.MaskMagicLines(code);

        Assert.Equal(code.Length, masked.Length);
        Assert.StartsWith("      \n", masked, StringComparison.Ordinal);
        Assert.Contains(Check, CellRewriter.Rewrite(code).Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_after_an_insertion_map_back_to_the_original_column()
    {
        const string code = "while (true) { int y = \"s\"; }";
        var rewritten = CellRewriter.Rewrite(code);
        var inRewritten = rewritten.Code.IndexOf("\"s\"", StringComparison.Ordinal);
        var position = SourceText.From(rewritten.Code).Lines.GetLinePosition(inRewritten);

        var mapped = rewritten.MapToOriginal(code, position);

        Assert.Equal(new LinePosition(0, code.IndexOf("\"s\"", StringComparison.Ordinal)), mapped);
    }

    [Fact]
    public void Positions_on_later_lines_are_unchanged()
    {
        const string code = "while (false) { }\nint y = \"s\";";
        var rewritten = CellRewriter.Rewrite(code);

        var mapped = rewritten.MapToOriginal(code, new LinePosition(1, 8));

        Assert.Equal(new LinePosition(1, 8), mapped);
    }
}
