using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Grading.Tests;

/// <summary>
/// <c>#!check</c> in a real CompositeKernel with a C# kernel, as a notebook host builds one: the student's answers run
/// first, then the assignment's visible tests (as saved in the notebook) run in the same kernel and are reported one by
/// one with their points; a fixed answer turns a failing test into a passing one.
/// </summary>
public sealed class CheckTests : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly string _directory = Directory.CreateTempSubdirectory("aistudio-check-test-").FullName;

    public CheckTests()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        GradingExtension.Load(_kernel);
    }

    public void Dispose()
    {
        _kernel.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_visible_tests_run_in_this_kernel_and_each_is_reported_with_its_points()
    {
        var notebook = WriteAssignment("arithmetic.ipynb");
        await SucceedAsync("int Add(int a, int b) => a + b;\nint Sub(int a, int b) => a + b;");

        var first = await CheckAsync($"#!check --notebook \"{notebook}\"");
        Assert.Contains("arithmetic.ipynb: 1 of 2 visible tests pass, 2 of 3 points.", first, StringComparison.Ordinal);
        Assert.Contains("PASS  test_add (2 pt)", first, StringComparison.Ordinal);
        Assert.Contains("FAIL  test_sub (1 pt): Sub(5, 3) should be 2", first, StringComparison.Ordinal);
        Assert.Contains("Fix what fails", first, StringComparison.Ordinal);

        // The tests ran here: a fixed answer passes on the next check.
        await SucceedAsync("int Sub(int a, int b) => a - b;");
        var second = await CheckAsync($"#!check --notebook \"{notebook}\"");
        Assert.Contains("2 of 2 visible tests pass, 3 of 3 points.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_notebook_or_one_without_tests_is_a_clear_error()
    {
        var missing = Path.Combine(_directory, "missing.ipynb");
        Assert.Contains($"No notebook at {missing}", await FailAsync($"#!check --notebook \"{missing}\""), StringComparison.Ordinal);

        var lesson = Path.Combine(_directory, "lesson.ipynb");
        await File.WriteAllTextAsync(lesson, Notebook(Cell("Console.WriteLine(1);", null)));
        Assert.Contains("has no visible tests", await FailAsync($"#!check --notebook \"{lesson}\""), StringComparison.Ordinal);

        var broken = Path.Combine(_directory, "broken.ipynb");
        await File.WriteAllTextAsync(broken, "{ not json");
        Assert.False(string.IsNullOrWhiteSpace(await FailAsync($"#!check --notebook \"{broken}\"")));
    }

    private string WriteAssignment(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Notebook(
            Cell("int Add(int a, int b)\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}", new JsonObject { ["grade"] = false, ["solution"] = true, ["locked"] = false, ["grade_id"] = "add", ["schema_version"] = 3 }),
            Cell("if (Add(2, 3) != 5) throw new Exception(\"Add(2, 3) should be 5\");", new JsonObject { ["grade"] = true, ["solution"] = false, ["locked"] = true, ["grade_id"] = "test_add", ["points"] = 2, ["schema_version"] = 3 }),
            Cell("if (Sub(5, 3) != 2) throw new Exception(\"Sub(5, 3) should be 2\");", new JsonObject { ["grade"] = true, ["solution"] = false, ["locked"] = true, ["grade_id"] = "test_sub", ["points"] = 1, ["schema_version"] = 3 })));
        return path;
    }

    private static string Notebook(params JsonObject[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells),
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "aistudio-csharp", ["display_name"] = "C#", ["language"] = "csharp" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString();

    private static JsonObject Cell(string source, JsonObject? nbgrader) => new()
    {
        ["cell_type"] = "code",
        ["id"] = Guid.NewGuid().ToString("N")[..8],
        ["execution_count"] = null,
        ["metadata"] = nbgrader is null ? new JsonObject() : new JsonObject { ["nbgrader"] = nbgrader },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    private async Task SucceedAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        Assert.True(!result.Events.OfType<CommandFailed>().Any(), string.Join("\n", result.Events.OfType<CommandFailed>().Select(f => f.Message)));
    }

    /// <summary>The check's plain-text report; the #!check command itself succeeds even when tests fail.</summary>
    private async Task<string> CheckAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        var failed = result.Events.OfType<CommandFailed>().Where(f => f.Command is SubmitCode { Code: var c } && c.StartsWith("#!check", StringComparison.Ordinal)).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(f => f.Message)));
        var report = Assert.Single(result.Events.OfType<DisplayedValueProduced>(), e => e.Value is CheckReport);
        return report.FormattedValues.Single(v => v.MimeType == "text/plain").Value;
    }

    private async Task<string> FailAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        return Assert.Single(result.Events.OfType<CommandFailed>()).Message;
    }
}
