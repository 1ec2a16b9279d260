using AIStudio.Kernel.Client.Connection;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Execute;

/// <summary><c>#!cd</c>: the working directory changes without a compile (the hub moves warm kernels with it).</summary>
public sealed class ChangeDirectoryTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);
    private readonly TempDirectory _directory = new("aistudio-cd");

    [Fact]
    public async Task Cd_changes_the_working_directory_that_relative_paths_then_use()
    {
        var target = Directory.CreateDirectory(Path.Combine(_directory.Path, "a folder with \"quotes\" and spaces")).FullName;
        File.WriteAllText(Path.Combine(target, "here.txt"), "found");

        await fixture.Connection.RunOkAsync($"#!cd {DirectiveArgument.Quote(target)}");
        var cwd = await fixture.Connection.RunOkAsync("System.IO.Directory.GetCurrentDirectory()");
        var read = await fixture.Connection.RunOkAsync("System.IO.File.ReadAllText(\"here.txt\")");

        Assert.Equal(target, cwd.ResultText);
        Assert.Contains("found", read.ResultText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hubs_move_cell_changes_directory_and_variables_that_the_next_cells_see()
    {
        var target = Directory.CreateDirectory(Path.Combine(_directory.Path, "moved here")).FullName;
        var name = "AISTUDIO_MOVE_TEST_" + Guid.NewGuid().ToString("N");

        var move = await fixture.Connection.RunAsync($"#!cd \"{target}\"\n#!set-env --name \"{name}\" --value \"ada\"", new ExecuteOptions { Silent = true, StoreHistory = false });
        var seen = await fixture.Connection.RunOkAsync($"System.IO.Directory.GetCurrentDirectory() + \"|\" + System.Environment.GetEnvironmentVariable(\"{name}\")");

        Assert.Equal("ok", move.Status);
        Assert.Equal(target + "|ada", seen.ResultText);
    }

    [Fact]
    public async Task Cd_to_a_missing_directory_is_an_error_that_names_it_and_changes_nothing()
    {
        var before = await fixture.Connection.RunOkAsync("System.IO.Directory.GetCurrentDirectory()");
        var missing = Path.Combine(_directory.Path, "missing");

        var result = await fixture.Connection.RunAsync($"#!cd {DirectiveArgument.Quote(missing)}");
        var after = await fixture.Connection.RunOkAsync("System.IO.Directory.GetCurrentDirectory()");

        Assert.Equal("error", result.Status);
        Assert.Contains(missing, result.ReplyContent.ExceptionValue + string.Join("\n", result.ReplyContent.Traceback ?? []), StringComparison.Ordinal);
        Assert.Equal(before.ResultText, after.ResultText);
    }

    public void Dispose()
    {
        _log.Dispose();
        _directory.Dispose();
    }
}
