using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests.Notebooks;

/// <summary>
/// The showcase notebooks that need the hub (deployments, model endpoints), run top to bottom by a user of a real hub in
/// the kernel the hub starts for them, over the kernel WebSocket: no cell fails, and each shows its feature working.
/// No hosted model is reachable here, so the agent notebooks' user has a default model endpoint on the hub pointing at
/// an OpenAI-compatible endpoint on loopback that plays the model's part: tool calls whose C# runs in the notebook's
/// kernel (the results it is sent back prove it), then answers.
/// </summary>
[Collection(HubTests.Name)]
public sealed partial class HubShowcaseNotebookTests(HubFixture hub, ITestOutputHelper output)
{
    private const string ScriptedKey = "sk-scripted-notebook-0123456789";

    public static TheoryData<string> Notebooks() => HubNotebookRunner.HubNotebooks();

    [Fact]
    public void The_notebooks_that_need_the_hub_are_the_deploy_and_agent_showcases()
    {
        // Guards the theory: the kernel tests leave these out, so they must run here.
        Assert.Equal(["06-deploy-ab-rollback.ipynb", "07-agent-data-analyst.ipynb", "08-writer-reviewer.ipynb"], Notebooks().Cast<object[]>().Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task A_hub_showcase_notebook_runs_top_to_bottom_and_shows_its_feature(string name)
    {
        using var log = hub.Log.Attach(output);
        switch (name)
        {
            case "06-deploy-ab-rollback.ipynb":
                await DeployNotebookAsync(name);
                break;
            case "07-agent-data-analyst.ipynb":
                await AnalystNotebookAsync(name);
                break;
            case "08-writer-reviewer.ipynb":
                await WriterReviewerNotebookAsync(name);
                break;
            default:
                Assert.Fail($"{name} is a new showcase notebook that needs the hub: say in {nameof(HubShowcaseNotebookTests)} what it must show.");
                break;
        }
    }

    private async Task DeployNotebookAsync(string name)
    {
        using var user = await hub.CreateUserAsync(Http.Unique("nb-deploy"));
        var cells = await RunOkAsync(user, name);

        Assert.Contains("v1 (ONNX): 100% of the traffic", Cell(cells, "PublishAsync(name, ml, v1").Text, StringComparison.Ordinal);
        var called = Cell(cells, "CreateKeyAsync(").Text;
        Assert.Contains("answered by version 1", called, StringComparison.Ordinal);
        Assert.Matches("setosa|versicolor|virginica", called);
        Assert.Contains("v2 (ONNX): 0% of the traffic", Cell(cells, "PublishAsync(name, ml, v2").Text, StringComparison.Ordinal);
        var split = Cell(cells, "SetTrafficAsync(").Text;
        Assert.Contains("v1 (ONNX): 90% of the traffic", split, StringComparison.Ordinal);
        Assert.Contains("v2 (ONNX): 10% of the traffic", split, StringComparison.Ordinal);

        // 40 calls drawn 90/10: all answered, most by v1, shown as a chart.
        var ab = Cell(cells, "answeredBy.Add(");
        Assert.True(ab.ShowsChart, "no chart of the versions that answered");
        var counts = AnsweredCounts().Matches(ab.Text).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(40, counts.Values.Sum());
        Assert.True(counts.GetValueOrDefault("v1") > counts.GetValueOrDefault("v2"), ab.Text);

        var rolledBack = Cell(cells, "RollbackAsync(").Text;
        Assert.Contains("answered by: v1, v1, v1, v1, v1", rolledBack, StringComparison.Ordinal);
        Assert.Contains("v1 (ONNX): 100% of the traffic", rolledBack, StringComparison.Ordinal);
        Assert.Contains("P95Ms", Cell(cells, "MetricsAsync(").Text, StringComparison.Ordinal);

        // The key never shows whole; the deployment is gone after the last cell, and its changes are in the audit log.
        Assert.DoesNotContain(cells, c => DeploymentKey().IsMatch(c.Text));
        using (var gone = await user.Client.GetAsync("hub/api/deployments/iris-species"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var audit = await ModelEndpointApi.AuditTextAsync(hub);
        foreach (var action in new[] { "deployment.version", "deployment.traffic", "deployment.rollback", "deployment.key_create", "deployment.delete" })
        {
            Assert.Contains(audit, e => e.StartsWith($"{user.Name} {action} {user.Name}/iris-species", StringComparison.Ordinal));
        }
    }

    private async Task AnalystNotebookAsync(string name)
    {
        await using var llm = await ScriptedLlmServer.StartAsync();
        // The model endpoint is outside the hub (here on the host's loopback): its kernel needs a plan with the internet
        // (Free and Starter kernels reach only the package feeds and the hub).
        using var user = await hub.CreateUserAsync(Http.Unique("nb-analyst"), new { plan = "professional" });
        await AddDefaultEndpointAsync(user, llm);
        const string islands = """
            var island = penguins["island"]; var mass = penguins["body_mass_g"];
            var byIsland = Enumerable.Range(0, (int)penguins.Rows.Count).Where(i => mass[i] is not null).GroupBy(i => (string)island[i])
                .Select(g => new { Island = g.Key, Penguins = g.Count(), MeanMassG = Math.Round(g.Average(i => Convert.ToDouble(mass[i]))) })
                .OrderByDescending(x => x.MeanMassG).ToList();
            foreach (var row in byIsland) Console.WriteLine($"{row.Island}: {row.Penguins} penguins, mean {row.MeanMassG} g");
            """;
        const string missing = """
            foreach (var column in penguins.Columns) if (column.NullCount > 0) Console.WriteLine($"{column.Name}: {column.NullCount} missing");
            """;
        llm.Enqueue(
            ScriptedReply.Call("describe", """{"name":"penguins"}"""),
            ScriptedReply.Call("run", JsonSerializer.Serialize(new { code = islands })),
            ScriptedReply.Say("Biscoe's penguins are the heaviest: 4,716 g on average, about 1 kg more than Dream (3,713 g) and Torgersen (3,706 g)."),
            ScriptedReply.Call("run", JsonSerializer.Serialize(new { code = missing })),
            ScriptedReply.Say("Sex is missing most often; the measurements are missing for two penguins."));

        var cells = await RunOkAsync(user, name);

        // The agent's code ran in the notebook's kernel: what it printed went back to the model.
        var requests = llm.Requests;
        foreach (var request in requests)
        {
            output.WriteLine($"--- request: tool results:\n{string.Join("\n", request.Contents("tool"))}");
        }

        Assert.Equal(5, requests.Count);
        Assert.Contains("body_mass_g", string.Join('\n', requests[1].Contents("tool")), StringComparison.Ordinal);
        Assert.Contains("sex: 11 missing", string.Join('\n', requests[4].Contents("tool")), StringComparison.Ordinal);
        // The islands code, run from inside a C# cell, printed to the model (a nested submission's output is its own).
        Assert.Contains("Biscoe: 167 penguins, mean 4716 g", string.Join('\n', requests[2].Contents("tool")), StringComparison.Ordinal);
        Assert.Contains("Which island has the heaviest penguins", string.Join('\n', requests[0].Contents("user")), StringComparison.Ordinal);
        // The follow-up through #!agent went on with the same conversation.
        Assert.Contains("Which island has the heaviest penguins", string.Join('\n', requests[3].Contents("user")), StringComparison.Ordinal);
        Assert.Contains("Which columns have missing values", string.Join('\n', requests[3].Contents("user")), StringComparison.Ordinal);
        Assert.All(requests, r => Assert.Equal("Bearer " + ScriptedKey, r.Authorization));

        var asked = Cell(cells, "analyst.AskAsync(").Text;
        Assert.Contains("penguins are the heaviest: 4,716 g on average", WebUtility.HtmlDecode(asked), StringComparison.Ordinal);
        Assert.Contains("csharp.run(", asked, StringComparison.Ordinal);
        Assert.Contains("tool calls:", Cell(cells, "reply.ToolCalls").Text, StringComparison.Ordinal);
        Assert.Contains("Sex is missing most often", Cell(cells, "#!agent analyst").Text, StringComparison.Ordinal);
        Assert.Contains("Biscoe: 167 penguins, mean 4716 g", Cell(cells, "foreach (var row in byIsland)").Text, StringComparison.Ordinal);
        Assert.DoesNotContain(cells, c => c.Text.Contains(ScriptedKey, StringComparison.Ordinal));
        Assert.Equal(0, llm.Remaining);
    }

    private async Task WriterReviewerNotebookAsync(string name)
    {
        await using var llm = await ScriptedLlmServer.StartAsync();
        using var user = await hub.CreateUserAsync(Http.Unique("nb-writer"), new { plan = "professional" });
        await AddDefaultEndpointAsync(user, llm);
        llm.Enqueue(
            ScriptedReply.Say("AI Studio runs C# notebooks in the browser: train ML.NET and TorchSharp models, call agents, and publish a model with `await Deploy.Hub.PublishAsync(...)`."),
            ScriptedReply.Say("- Name the kernel.\n- Say what a deployment gives you: versions, keys, metrics.\n\nVerdict: REVISE"),
            ScriptedReply.Say("AI Studio runs C# notebooks on a Jupyter kernel of its own: train ML.NET and TorchSharp models, run agents, and publish a model as a versioned REST endpoint with keys and metrics from one cell."));

        var cells = await RunOkAsync(user, name);

        var requests = llm.Requests;
        Assert.Equal(3, requests.Count);
        // The reviewer was given the writer's draft; the revision was given the review.
        Assert.Contains("no hype", string.Join('\n', requests[0].Contents("system")), StringComparison.Ordinal);
        Assert.Contains("verdict: APPROVED or REVISE", string.Join('\n', requests[1].Contents("system")), StringComparison.Ordinal);
        Assert.Contains("Deploy.Hub.PublishAsync", string.Join('\n', requests[1].Messages.Select(m => m.GetRawText())), StringComparison.Ordinal);
        Assert.Contains("Verdict: REVISE", string.Join('\n', requests[2].Contents("user")), StringComparison.Ordinal);

        var round = Cell(cells, "Agents.Sequential(").Text;
        Assert.Contains("writer", round, StringComparison.Ordinal);
        Assert.Contains("reviewer", round, StringComparison.Ordinal);
        var final = Cell(cells, "review verdict").Text;
        Assert.Contains("review verdict: revise", final, StringComparison.Ordinal);
        Assert.Contains("versioned REST endpoint with keys and metrics", final, StringComparison.Ordinal);
        Assert.Equal(0, llm.Remaining);
    }

    /// <summary>The user's default model endpoint: the scripted one on loopback, with a key (which must never show in a notebook).</summary>
    private static async Task AddDefaultEndpointAsync(TestUser user, ScriptedLlmServer llm)
    {
        using var created = await user.Client.PostAsJsonAsync(ModelEndpointApi.Route, new
        {
            name = "scripted",
            provider = "openai-compatible",
            base_url = llm.BaseUrl.AbsoluteUri,
            model = "scripted-model",
            api_key = ScriptedKey,
            is_default = true,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private async Task<IReadOnlyList<NotebookCellRun>> RunOkAsync(TestUser user, string name)
    {
        var cells = await HubNotebookRunner.RunAsync(hub, user, name);
        foreach (var cell in cells)
        {
            output.WriteLine($"--- cell {cell.Index}: {cell.Status}\n{cell.Text}");
        }

        var failed = cells.FirstOrDefault(c => c.Failed);
        Assert.True(failed is null, failed is null ? "" : $"{name}, cell {failed.Index} failed ({failed.Status}):\n{failed.Text}\n--- the cell ---\n{failed.Source}");
        return cells;
    }

    private static NotebookCellRun Cell(IReadOnlyList<NotebookCellRun> cells, string sourceContains) =>
        cells.FirstOrDefault(c => c.Source.Contains(sourceContains, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no code cell contains '{sourceContains}'.");

    [GeneratedRegex(@"(v\d): (\d+) calls")]
    private static partial Regex AnsweredCounts();

    [GeneratedRegex("aisd_[0-9a-f]{40}")]
    private static partial Regex DeploymentKey();
}
