using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Datasets.Tests;

/// <summary>The extension loaded into a real CompositeKernel with a C# kernel, as a notebook host builds one.</summary>
public sealed class KernelTests : IDisposable
{
    private readonly CompositeKernel _kernel;

    public KernelTests()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.AddAssemblyReferences([typeof(Datasets).Assembly.Location, typeof(DataFrame).Assembly.Location]);
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        DatasetsExtension.Load(_kernel);
    }

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task Dataset_list_shows_iris_and_penguins_as_html_and_text()
    {
        var events = await RunAsync("#!dataset list");

        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        var html = Value(shown, "text/html");
        Assert.Contains("<code>iris</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>penguins</code>", html, StringComparison.Ordinal);
        Assert.Contains("CC0-1.0", html, StringComparison.Ordinal);
        Assert.Contains("penguins", Value(shown, "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dataset_load_as_declares_a_csharp_variable()
    {
        var load = await RunAsync("#!dataset load penguins --as p");
        Assert.Contains(load.OfType<DisplayedValueProduced>(), e => Value(e, "text/html").Contains("rows 1–20 of 344", StringComparison.Ordinal));

        var events = await RunAsync("p.Rows.Count");

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal(344L, result.Value);
    }

    [Fact]
    public async Task A_DataFrame_returned_by_a_cell_displays_as_the_html_table_with_types_and_statistics()
    {
        var events = await RunAsync("AIStudio.Extensions.Datasets.Datasets.Load(\"iris\")");

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        var html = Value(result, "text/html");
        Assert.Contains("150 rows × 5 columns", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">double</span>", html, StringComparison.Ordinal);
        Assert.Contains("Summary statistics", html, StringComparison.Ordinal);
        Assert.Contains("<td>5.84333</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dataset_info_shows_the_licence_source_citation_and_columns()
    {
        var events = await RunAsync("#!dataset info penguins");

        var html = Value(Assert.Single(events.OfType<DisplayedValueProduced>()), "text/html");
        Assert.Contains("CC0-1.0", html, StringComparison.Ordinal);
        Assert.Contains("10.5281/zenodo.3960218", html, StringComparison.Ordinal);
        Assert.Contains("<code>bill_length_mm</code></td><td>double", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_an_unknown_dataset_fails_with_the_list_of_names()
    {
        var events = await RunAsync("#!dataset load titanic");

        var failed = Assert.Single(events.OfType<CommandFailed>());
        Assert.Contains("There is no dataset 'titanic'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("iris", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_dataset_directive_shows_help()
    {
        var events = await RunAsync("#!dataset");

        Assert.Contains(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/plain").Contains("#!dataset load NAME [--as VAR]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dataset_names_complete_after_load()
    {
        const string code = "#!dataset load ";
        var result = await _kernel.SendAsync(new RequestCompletions(code, new LinePosition(0, code.Length)));

        var completions = result.Events.OfType<CompletionsProduced>().SelectMany(c => c.Completions).Select(c => c.DisplayText).ToList();
        Assert.Contains("penguins", completions);
        Assert.Contains("iris", completions);
    }

    [Fact]
    public async Task Loading_the_extension_twice_adds_the_directive_once()
    {
        DatasetsExtension.Load(_kernel);

        var events = await RunAsync("#!dataset list");

        Assert.Single(events.OfType<DisplayedValueProduced>());
    }

    private async Task<IReadOnlyList<KernelEvent>> RunAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        return result.Events;
    }

    private static string Value(DisplayEvent e, string mimeType) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == mimeType)?.Value ?? "";
}
