using AIStudio.Kernel.Engine;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Kernel.Tests.Engine;

/// <summary>
/// Value sharing in our C# kernel without a kernel process: SendValue declares a variable (by reference, or from a
/// formatted value), RequestValue and RequestValueInfos read the cells' variables, and declarations name types right.
/// </summary>
public sealed class ScriptingCSharpKernelValueTests
{
    [Fact]
    public async Task SendValue_declares_variables_that_later_cells_use_and_RequestValue_reads_them_back()
    {
        using var kernel = new ScriptingCSharpKernel([]);
        var list = new List<int> { 1, 2, 3 };

        await SucceedAsync(kernel, new SendValue("shared", list, null!));
        await SucceedAsync(kernel, new SubmitCode("shared.Add(4);"));
        await SucceedAsync(kernel, new SendValue("json", null!, new FormattedValue("application/json", "{\"a\": 41}")));
        var fromJson = await SucceedAsync(kernel, new SubmitCode("json.RootElement.GetProperty(\"a\").GetInt32() + 1"));
        await SucceedAsync(kernel, new SendValue("anonymous", new { Name = "Ada" }, null!));
        var anonymous = await SucceedAsync(kernel, new SubmitCode("anonymous.ToString()"));
        await SucceedAsync(kernel, new SendValue("class", "a keyword as a name", null!));
        var keyword = await SucceedAsync(kernel, new SubmitCode("@class.Length"));
        var requested = await SucceedAsync(kernel, new RequestValue("shared"));
        var infos = await SucceedAsync(kernel, new RequestValueInfos());

        Assert.Equal([1, 2, 3, 4], list);
        Assert.Equal(42, Assert.Single(fromJson.Events.OfType<ReturnValueProduced>()).Value);
        Assert.Contains("Ada", (string)Assert.Single(anonymous.Events.OfType<ReturnValueProduced>()).Value, StringComparison.Ordinal);
        Assert.Equal("a keyword as a name".Length, Assert.Single(keyword.Events.OfType<ReturnValueProduced>()).Value);
        Assert.Same(list, Assert.Single(requested.Events.OfType<ValueProduced>()).Value);
        var names = Assert.Single(infos.Events.OfType<ValueInfosProduced>()).ValueInfos.Select(v => v.Name).ToList();
        Assert.Contains("shared", names);
        Assert.Contains("json", names);
    }

    [Fact]
    public async Task SendValue_with_a_name_that_is_no_identifier_fails_and_RequestValue_of_an_unknown_name_fails()
    {
        using var kernel = new ScriptingCSharpKernel([]);

        var badName = await kernel.SendAsync(new SendValue("not a name", 1, null!));
        var unknown = await kernel.SendAsync(new RequestValue("nowhere"));

        Assert.Contains("not a C# variable name", Assert.Single(badName.Events.OfType<CommandFailed>()).Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", Assert.Single(unknown.Events.OfType<CommandFailed>()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(int), "global::System.Int32")]
    [InlineData(typeof(int[,]), "global::System.Int32[,]")]
    [InlineData(typeof(Dictionary<string, List<int?>>), "global::System.Collections.Generic.Dictionary<global::System.String, global::System.Collections.Generic.List<global::System.Nullable<global::System.Int32>>>")]
    [InlineData(typeof(Dictionary<string, int>.KeyCollection), "global::System.Collections.Generic.Dictionary<global::System.String, global::System.Int32>.KeyCollection")]
    public void Type_names_are_what_a_cell_would_write(Type type, string expected) =>
        Assert.Equal(expected, CSharpTypeNames.Of(CSharpTypeNames.Declarable(type)));

    [Fact]
    public void Types_source_code_cannot_name_are_declared_as_their_nearest_public_base()
    {
        Assert.Equal(typeof(object), CSharpTypeNames.Declarable(new { A = 1 }.GetType()));
        Assert.Equal(typeof(object), CSharpTypeNames.Declarable(new List<object>().Select(x => new { x }).ToList().GetType()));
        Assert.True(CSharpTypeNames.Declarable(typeof(int).GetType()).IsAssignableTo(typeof(Type)));
    }

    private static async Task<KernelCommandResult> SucceedAsync(ScriptingCSharpKernel kernel, KernelCommand command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await kernel.SendAsync(command, timeout.Token);
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"{command.GetType().Name} failed: {failed?.Message}");
        return result;
    }
}
