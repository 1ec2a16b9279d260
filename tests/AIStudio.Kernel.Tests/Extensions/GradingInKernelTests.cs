using System.Text.Json.Nodes;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Grading extension, preloaded by aistudio-kernel: <c>#!check</c> runs an assignment's visible tests in the kernel
/// where the answers ran and shows the result as a display (the check itself does not fail the cell when a test fails).
/// </summary>
public sealed class GradingInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Check_runs_the_visible_tests_against_the_answers_in_this_kernel()
    {
        using var folder = new TempDirectory("aistudio-check");
        var notebook = folder.Combine("squares.ipynb");
        var test = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject { ["nbgrader"] = new JsonObject { ["grade"] = true, ["solution"] = false, ["locked"] = true, ["grade_id"] = "test_square", ["points"] = 3, ["schema_version"] = 3 } },
            ["outputs"] = new JsonArray(),
            ["source"] = "if (Square(4) != 16) throw new Exception(\"Square(4) should be 16\");",
        };
        await File.WriteAllTextAsync(notebook, new JsonObject { ["cells"] = new JsonArray(test), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString());

        await fixture.Connection.RunOkAsync("int Square(int x) => x + x;");
        var failing = await fixture.Connection.RunOkAsync($"#!check --notebook \"{notebook}\"");
        Assert.Contains(failing.Displays, d => Text(d).Contains("FAIL  test_square (3 pt): Square(4) should be 16", StringComparison.Ordinal));

        await fixture.Connection.RunOkAsync("int Square(int x) => x * x;");
        var passing = await fixture.Connection.RunOkAsync($"#!check --notebook \"{notebook}\"");
        Assert.Contains(passing.Displays, d => Text(d).Contains("1 of 1 visible tests pass, 3 of 3 points.", StringComparison.Ordinal));
    }

    private static string Text(AIStudio.Kernel.Protocol.Messages.Content.DisplayData display) =>
        display.Data.TryGetValue("text/plain", out var text) ? text.GetString() ?? "" : "";

    public void Dispose() => _log.Dispose();
}
