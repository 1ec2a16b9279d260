using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Client.Connection;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Notebooks;

/// <summary>
/// The showcase notebooks in <c>notebooks/</c>: each runs top to bottom, cell by cell, in a fresh aistudio-kernel whose
/// working directory is a temporary copy of the notebook's place (so the files a notebook writes never land in the
/// repository), every cell answers "ok", and each notebook shows the feature it is about actually working. Notebooks
/// whose metadata says they need the hub (<c>"aistudio": {"requires": ["hub"]}</c>: deployments, model endpoints) are
/// run by the hub's tests instead (AIStudio.Hub.Tests, HubShowcaseNotebookTests), through a real hub and its kernel; the
/// first fact names both lists, so no notebook goes unrun.
/// </summary>
public sealed class ShowcaseNotebookTests(ITestOutputHelper output)
{
    /// <summary>Generous for two shared CI cores: the first cell compiles C# cold, and notebook 4 trains a network.</summary>
    private static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(120);

    private static string NotebooksDirectory => Path.Combine(RepositoryLayout.RootDirectory, "notebooks");

    public static TheoryData<string> Showcases()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).Where(p => !RequiresHub(p)))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    /// <summary>Whether the notebook's metadata says it needs the hub (<c>"aistudio": {"requires": ["hub"]}</c>).</summary>
    public static bool RequiresHub(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("metadata").TryGetProperty("aistudio", out var aistudio)
            && aistudio.TryGetProperty("requires", out var requires)
            && requires.EnumerateArray().Any(r => r.GetString() == "hub");
    }

    [Fact]
    public void The_showcase_notebooks_are_there_and_committed_without_outputs()
    {
        // Guards the theory below: with no notebooks it would not run at all. The ones that need the hub run in the hub's tests.
        var names = Directory.GetFiles(NotebooksDirectory, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["01-getting-started.ipynb", "02-explore-a-dataset.ipynb", "03-mlnet-and-onnx.ipynb", "04-torchsharp-progress.ipynb", "05-licence-verification.ipynb",
             "06-deploy-ab-rollback.ipynb", "07-agent-data-analyst.ipynb", "08-writer-reviewer.ipynb"],
            names);
        Assert.Equal(
            ["06-deploy-ab-rollback.ipynb", "07-agent-data-analyst.ipynb", "08-writer-reviewer.ipynb"],
            names.Where(n => RequiresHub(Path.Combine(NotebooksDirectory, n))));
        foreach (var name in names)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebooksDirectory, name)));
            var root = document.RootElement;
            Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
            Assert.Equal("aistudio-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
            foreach (var cell in root.GetProperty("cells").EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(cell.GetProperty("id").GetString()), $"{name}: a cell has no id");
                if (cell.GetProperty("cell_type").GetString() == "code")
                {
                    Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{name}: a code cell is committed with outputs");
                    Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Showcases))]
    public async Task A_showcase_notebook_runs_top_to_bottom_and_shows_its_feature(string name)
    {
        var cells = CodeCells(Path.Combine(NotebooksDirectory, name));
        var started = Stopwatch.StartNew();
        await using var kernel = await KernelUnderTest.StartAsync();
        // The kernel's working directory is its own temporary folder: give it the notebook, as Jupyter runs a notebook
        // in the notebook's folder, so relative paths behave as they do there and everything written is deleted after.
        File.Copy(Path.Combine(NotebooksDirectory, name), kernel.Directory.Combine(name));

        var ran = new List<(int Index, string Source, ExecutionResult Result)>();
        foreach (var (index, source) in cells)
        {
            using var timeout = Timeouts.After(CellTimeout);
            ExecutionResult result;
            try
            {
                result = await kernel.Connection.ExecuteAsync(source, new ExecuteOptions { AllowStdin = false }, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{name}, cell {index} ({FirstLine(source)}): no reply within {CellTimeout.TotalSeconds} s.\n{kernel.Diagnostics()}");
                return;
            }

            if (result.Status != "ok" || result.Errors.Count > 0)
            {
                Assert.Fail($"{name}, cell {index} ({FirstLine(source)}) failed with status '{result.Status}':\n{ExecutionReport.Describe(result)}\n--- the cell ---\n{source}");
            }

            ran.Add((index, source, result));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {cells.Count} code cells in {started.Elapsed.TotalSeconds:0.0} s"));
        ShowsItsFeature(name, ran);
        // Notebooks clean up after themselves: nothing they wrote is left beside them.
        var left = Directory.GetFiles(kernel.Directory.Path).Select(Path.GetFileName).Where(f => f != name).ToList();
        Assert.True(left.Count == 0, $"{name} left files behind: {string.Join(", ", left)}");
    }

    /// <summary>What each notebook must visibly show, beyond running without an error.</summary>
    private static void ShowsItsFeature(string name, IReadOnlyList<(int Index, string Source, ExecutionResult Result)> cells)
    {
        ExecutionResult Cell(string sourceContains) =>
            cells.FirstOrDefault(c => c.Source.Contains(sourceContains, StringComparison.Ordinal)).Result
            ?? throw new Xunit.Sdk.XunitException($"{name}: no code cell contains '{sourceContains}'.");

        switch (name)
        {
            case "01-getting-started.ipynb":
                Assert.Contains("Hello from C#", Cell("Console.WriteLine").Stdout, StringComparison.Ordinal);
                Assert.Contains(Cell("display(HTML(").Displays, d => d.Data.ContainsKey("text/html"));
                Assert.Contains("Wall time", AllText(Cell("#!time")), StringComparison.Ordinal);
                break;
            case "02-explore-a-dataset.ipynb":
                Assert.Contains("penguins", AllText(Cell("#!dataset list")), StringComparison.Ordinal);
                Assert.Contains("CC0-1.0", AllText(Cell("#!dataset info penguins")), StringComparison.Ordinal);
                Assert.True(cells.Count(c => c.Source.Contains("Charts.", StringComparison.Ordinal) && IsChart(c.Result)) >= 3, "fewer than 3 charts shown");
                break;
            case "03-mlnet-and-onnx.ipynb":
                Assert.Equal("True", Cell("onnxPredictions.SequenceEqual(").ResultText);
                Assert.True(IsChart(Cell("Charts.ConfusionMatrix(")), "the confusion matrix is not a Plotly chart");
                Assert.Equal("True", Cell("Models.Load(").ResultText);
                break;
            case "04-torchsharp-progress.ipynb":
                var training = Cell("TorchTraining.Fit(");
                Assert.NotEmpty(training.DisplayUpdates);
                Assert.EndsWith("done", training.DisplayUpdates[^1].Data["text/plain"].GetString()!, StringComparison.Ordinal);
                Assert.True(training.Displays.Count(d => d.Data.ContainsKey("application/vnd.plotly.v1+json")) >= 2, "no loss and metric curves after training");
                Assert.Contains("device:", AllText(Cell("#!device")), StringComparison.Ordinal);
                Assert.Equal("True", Cell("Models.Load(").ResultText);
                break;
            case "05-licence-verification.ipynb":
                var all = string.Join('\n', cells.Select(c => AllText(c.Result)));
                Assert.Contains("Accepted: CC-BY-4.0", all, StringComparison.Ordinal);
                Assert.Contains("share-alike", all, StringComparison.Ordinal);
                Assert.Contains("commercial plan, so the data is refused", all, StringComparison.Ordinal);
                Assert.Contains("No licence was given, so the data is refused", all, StringComparison.Ordinal);
                Assert.Contains("is not a licence this platform recognises", all, StringComparison.Ordinal);
                Assert.Contains("text-match", all, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"{name} is a new showcase notebook: say in {nameof(ShowcaseNotebookTests)} what it must show.");
                break;
        }
    }

    private static bool IsChart(ExecutionResult result) =>
        result.Displays.Any(d => d.Data.ContainsKey("application/vnd.plotly.v1+json"))
        || (result.Result?.Data.ContainsKey("application/vnd.plotly.v1+json") ?? false);

    /// <summary>Everything a cell showed as text: streams, text/plain and text/html of displays, updates and the result.</summary>
    private static string AllText(ExecutionResult result)
    {
        var text = new StringBuilder(result.Stdout).Append('\n').Append(result.Stderr);
        var bundles = result.Displays.Select(d => d.Data)
            .Concat(result.DisplayUpdates.Select(u => u.Data))
            .Concat(result.Result is null ? [] : [result.Result.Data]);
        foreach (var bundle in bundles)
        {
            foreach (var mime in new[] { "text/plain", "text/html", "text/markdown" })
            {
                if (bundle.TryGetValue(mime, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text.Append('\n').Append(value.GetString());
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The notebook's code cells in order: index among all cells, and source (a string or a list of lines).</summary>
    private static List<(int Index, string Source)> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<(int, string)>();
        var index = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                var source = cell.GetProperty("source");
                cells.Add((index, source.ValueKind == JsonValueKind.Array
                    ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
                    : source.GetString() ?? ""));
            }

            index++;
        }

        return cells;
    }

    private static string FirstLine(string source) =>
        source.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(empty)";
}
