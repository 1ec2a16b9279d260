using System.Text.Json;
using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>
/// The hub side, through a loopback stub of its contract: endpoints and keys from the hub, usage reported after each
/// cell, orchestration gated by the plan.
/// </summary>
public sealed class HubTests : NotebookTestBase
{
    private HubStub _hub = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _hub = await HubStub.StartAsync(Llm.BaseUrl, Key);
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_URL", _hub.Address.ToString());
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_TOKEN", HubStub.Token);
    }

    public override async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_URL", null);
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_TOKEN", null);
        await _hub.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_default_endpoint_and_its_key_come_from_the_hub_and_the_cells_usage_is_reported_after_it()
    {
        Llm.Enqueue(ScriptedReply.Say("From the hub's endpoint.", input: 400_000, output: 100_000), ScriptedReply.Say("Again.", input: 100_000, output: 0));

        var events = await SucceedAsync("""
            var hubAgent = Agents.Create("hubbed");
            await hubAgent.AskAsync("Hi");
            await hubAgent.AskAsync("Once more");
            hubAgent.Endpoint.ToString()
            """);

        Assert.All(Llm.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Equal("scripted-model", Llm.Requests[0].Body.GetProperty("model").GetString());
        var description = (string)Assert.Single(events.OfType<ReturnValueProduced>()).Value!;
        Assert.StartsWith("default: scripted-model at ", description, StringComparison.Ordinal);
        Assert.Contains("key: ***", description, StringComparison.Ordinal);

        // One report for the cell, after it: both calls, priced at $2.5 / $10 per million.
        var report = Assert.Single(_hub.UsageReports);
        Assert.Equal("default", report.GetProperty("endpoint").GetString());
        Assert.Equal("scripted-model", report.GetProperty("model").GetString());
        Assert.Equal(500_000, report.GetProperty("input_tokens").GetInt64());
        Assert.Equal(100_000, report.GetProperty("output_tokens").GetInt64());
        Assert.Equal(2.25m, report.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(1, report.GetProperty("agents").GetInt32());
        Assert.False(report.GetProperty("orchestration").GetBoolean());
        var total = Assert.Single(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/plain").StartsWith("cell total:", StringComparison.Ordinal));
        Assert.Equal("cell total: 2 agent calls · 500,000 input + 100,000 output tokens · est. $2.2500", Value(total, "text/plain"));
    }

    [Fact]
    public async Task A_named_endpoint_is_used_and_an_unknown_one_is_a_clear_error()
    {
        Llm.Enqueue(ScriptedReply.Say("Tiny."));
        await SucceedAsync("""await Agents.Create("small", endpoint: ModelEndpoint.FromHub("cheap")).AskAsync("Hi");""");
        Assert.Equal("tiny-model", Llm.Requests[0].Body.GetProperty("model").GetString());

        var failure = await FailAsync("""ModelEndpoint.FromHub("nope")""");
        Assert.Contains("The hub has no model endpoint named 'nope' for you", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_reports_orchestration_with_its_agents()
    {
        Llm.Enqueue(ScriptedReply.Say("Draft", input: 1000, output: 100), ScriptedReply.Say("Review", input: 2000, output: 200));

        await SucceedAsync("""
            await Agents.Sequential(Agents.Create("writer", instructions: "Write."), Agents.Create("reviewer", instructions: "Review.")).RunAsync("Go");
            """);

        var report = Assert.Single(_hub.UsageReports);
        Assert.True(report.GetProperty("orchestration").GetBoolean());
        Assert.Equal(2, report.GetProperty("agents").GetInt32());
        Assert.Equal(3000, report.GetProperty("input_tokens").GetInt64());
        Assert.Equal(300, report.GetProperty("output_tokens").GetInt64());
        Assert.Equal(0.0105m, report.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task A_plan_without_orchestration_refuses_workflows_before_any_model_request()
    {
        _hub.Orchestration = false;
        _hub.Plan = "free";

        var failure = await FailAsync("""
            await Agents.GroupChat(4, Agents.Create("a1", instructions: "One."), Agents.Create("a2", instructions: "Two.")).RunAsync("Go");
            """);

        Assert.Contains("Multi-agent orchestration is not included in your plan (free)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Llm.Requests);
        Assert.Empty(_hub.UsageReports);
    }

    [Fact]
    public async Task A_refused_usage_report_is_a_warning_in_the_output_not_a_failure()
    {
        _hub.RefuseUsage = "Agent orchestration is not in the free plan.";
        Llm.Enqueue(ScriptedReply.Say("One"), ScriptedReply.Say("Two"));

        var events = await SucceedAsync("""
            await Agents.Concurrent(Agents.Create("c1", instructions: "One."), Agents.Create("c2", instructions: "Two.")).RunAsync("Go");
            """);

        var warning = Assert.Single(events.OfType<DisplayedValueProduced>(), e => Value(e, "text/plain").Contains("Warning", StringComparison.Ordinal));
        Assert.Contains("the agents' usage was not recorded by the hub", Value(warning, "text/plain"), StringComparison.Ordinal);
        Assert.Contains("403", Value(warning, "text/plain"), StringComparison.Ordinal);
        Assert.Contains("Agent orchestration is not in the free plan.", Value(warning, "text/plain"), StringComparison.Ordinal);
        Assert.Empty(_hub.UsageReports);
    }

    [Fact]
    public async Task Without_a_default_endpoint_the_message_says_where_to_add_one()
    {
        Environment.SetEnvironmentVariable("AISTUDIO_HUB_URL", null);
        var failure = await FailAsync("""Agents.Create("nohub")""");
        Assert.Contains("was not started by an AI Studio hub", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ModelEndpoint.OpenAICompatible", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_reports_use_the_contracts_field_names()
    {
        var json = JsonSerializer.Serialize(new Hub.UsageReport { Endpoint = "e", Model = "m", InputTokens = 1, OutputTokens = 2, CostUsd = 0.5m, Agents = 2, Orchestration = true });
        Assert.Equal("""{"endpoint":"e","model":"m","input_tokens":1,"output_tokens":2,"cost_usd":0.5,"agents":2,"orchestration":true}""", json);
    }
}
