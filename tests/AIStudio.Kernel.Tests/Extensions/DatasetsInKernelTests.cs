using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Extensions;

/// <summary>
/// The Datasets extension, preloaded by aistudio-kernel, over the Jupyter protocol: <c>#!dataset</c>, the C# API without
/// usings, variables declared by <c>--as</c> (SendValue into our C# kernel) and DataFrames shown as HTML tables.
/// One kernel for the class: every test uses names of its own.
/// </summary>
public sealed class DatasetsInKernelTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Dataset_list_shows_iris_and_penguins_as_html_and_text()
    {
        var result = await fixture.Connection.RunOkAsync("#!dataset list");

        var bundles = result.Displays.Select(d => d.Data).Concat(result.Result is { } r ? [r.Data] : []).ToList();
        var shown = Assert.Single(bundles, b => b.ContainsKey("text/html"));
        var html = shown["text/html"].GetString();
        Assert.Contains("<code>iris</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>penguins</code>", html, StringComparison.Ordinal);
        Assert.Contains("CC0-1.0", html, StringComparison.Ordinal);
        Assert.Contains("penguins", shown.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Datasets_Load_works_in_a_cell_without_usings()
    {
        var result = await fixture.Connection.RunOkAsync("var penguinsFrame = Datasets.Load(\"penguins\"); penguinsFrame.Rows.Count");

        Assert.Equal("344", result.ResultText);
    }

    [Fact]
    public async Task Dataset_load_as_declares_a_variable_that_later_cells_use()
    {
        var load = await fixture.Connection.RunOkAsync("#!dataset load iris --as flowers");
        var columns = await fixture.Connection.RunOkAsync("flowers.Columns.Count");
        var typed = await fixture.Connection.RunOkAsync("flowers.GetType().FullName");

        Assert.Contains(load.Displays, d => d.Data.AllText().Contains("flowers = Datasets.Load(\"iris\")", StringComparison.Ordinal));
        Assert.Equal("5", columns.ResultText);
        Assert.Equal("Microsoft.Data.Analysis.DataFrame", typed.ResultText);
    }

    [Fact]
    public async Task A_DataFrame_as_a_cell_result_is_an_html_table_with_column_types_and_the_row_count()
    {
        var result = await fixture.Connection.RunOkAsync("Datasets.Load(\"penguins\")");

        Assert.NotNull(result.Result);
        Assert.True(result.Result.Data.TryGetValue("text/html", out var html), $"execute_result has {string.Join(", ", result.Result.Data.Keys)}");
        var text = html.GetString();
        Assert.Contains("344 rows", text, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">string</span>", text, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">double</span>", text, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">int</span>", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(result.Result.Data.PlainText()), "Jupyter clients rely on text/plain");
    }

    [Fact]
    public async Task Set_declares_a_variable_from_a_value_on_the_directive_line()
    {
        await fixture.Connection.RunOkAsync("#!set --name greeting --value hello");
        var result = await fixture.Connection.RunOkAsync("greeting.ToUpperInvariant()");

        Assert.Equal("HELLO", result.ResultText);
    }

    [Fact]
    public async Task Dataset_load_of_an_unknown_name_is_an_error_that_lists_the_datasets()
    {
        var result = await fixture.Connection.RunAsync("#!dataset load no-such-data --as nothing");

        Assert.Equal("error", result.Status);
        var message = result.ReplyContent.ExceptionValue + string.Join("\n", result.ReplyContent.Traceback ?? []);
        Assert.Contains("no-such-data", message, StringComparison.Ordinal);
        Assert.Contains("penguins", message, StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
