using AIStudio.Kernel.Engine;

namespace AIStudio.Kernel.Tests.Unit;

/// <summary>
/// The directive cells the kernel runs without .NET Interactive's pipeline: exactly the plain form the hub moves a warm
/// kernel with; everything else is left to .NET Interactive's parser.
/// </summary>
public sealed class DirectiveCellTests
{
    [Fact]
    public void The_hubs_move_cell_is_taken_line_by_line()
    {
        var cell = DirectiveCell.TryParse("#!cd \"/data/users/ada/my notebooks\"\r\n#!set-env --name \"AISTUDIO_USER\" --value \"ada\"\n\n\t#!set-env\t--name \"AISTUDIO_HUB_TOKEN\"  \n");

        Assert.NotNull(cell);
        Assert.Equal(
            [("cd", "/data/users/ada/my notebooks", null), ("set-env", "AISTUDIO_USER", "ada"), ("set-env", "AISTUDIO_HUB_TOKEN", (string?)null)],
            cell.Lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("1 + 1")]
    [InlineData("#!cd \"/tmp\"\n1 + 1")]
    [InlineData("#!cd /tmp")]
    [InlineData("#!cd --path \"/tmp\"")]
    [InlineData("#!cd \"/tmp\" extra")]
    [InlineData("#!cd \"/tmp\"\"more\"")]
    [InlineData("#!cd \"/tmp")]
    [InlineData("#!cd \"a \\\"quoted\\\" folder\"")]
    [InlineData("#!cd \"C:\\\\data\"")]
    [InlineData("#!set-env --name \"X\" --value \"@csharp:x\"")]
    [InlineData("#!set-env --name \"X\" --value plain")]
    [InlineData("#!set-env --value \"v\" --name \"X\"")]
    [InlineData("#!set-env --name \"X\" --value")]
    [InlineData("#!set-env \"X\"")]
    [InlineData("#!time")]
    [InlineData("#!CD \"/tmp\"")]
    [InlineData("#r \"nuget: Plotly.NET\"")]
    public void Any_other_cell_is_left_to_dotnet_interactive(string code) => Assert.Null(DirectiveCell.TryParse(code));

    [Fact]
    public void Running_sets_and_removes_variables_in_order()
    {
        var name = "AISTUDIO_DIRECTIVE_CELL_" + Guid.NewGuid().ToString("N");
        var cell = DirectiveCell.TryParse($"#!set-env --name \"{name}\" --value \"first\"\n#!set-env --name \"{name}_2\" --value \"second\"\n#!set-env --name \"{name}\"");

        Assert.True(cell!.TryRun());

        Assert.Null(Environment.GetEnvironmentVariable(name));
        Assert.Equal("second", Environment.GetEnvironmentVariable(name + "_2"));
        Environment.SetEnvironmentVariable(name + "_2", null);
    }

    [Fact]
    public void A_directive_that_fails_stops_the_cell_and_says_so()
    {
        var name = "AISTUDIO_DIRECTIVE_CELL_" + Guid.NewGuid().ToString("N");
        var missing = Path.Combine(Path.GetTempPath(), "aistudio-missing-" + Guid.NewGuid().ToString("N"));
        var before = Directory.GetCurrentDirectory();
        var cell = DirectiveCell.TryParse($"#!cd \"{missing}\"\n#!set-env --name \"{name}\" --value \"set\"");

        Assert.False(cell!.TryRun());

        Assert.Equal(before, Directory.GetCurrentDirectory());
        Assert.Null(Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void A_name_the_environment_cannot_hold_fails()
    {
        Assert.False(DirectiveCell.TryParse("#!set-env --name \"A=B\" --value \"c\"")!.TryRun());
    }
}
