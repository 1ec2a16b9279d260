using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>Multi-agent workflows on the real Agent Framework, streamed from the scripted endpoint.</summary>
public sealed class WorkflowTests : NotebookTestBase
{
    private const string Define = """
        var writer = Agents.Create("writer", instructions: "Write a haiku.", endpoint: Endpoint);
        var reviewer = Agents.Create("reviewer", instructions: "Review the haiku.", endpoint: Endpoint);
        """;

    [Fact]
    public async Task A_sequential_workflow_streams_each_agents_turn_labelled_and_passes_the_draft_on()
    {
        Llm.Enqueue(ScriptedReply.Say("Autumn moon rises", input: 100, output: 20), ScriptedReply.Say("Good imagery; add a season word.", input: 150, output: 30));

        var events = await SucceedAsync(Define + """
            var result = await Agents.Sequential(writer, reviewer).RunAsync("A haiku about the moon");
            (result.FinalText, result.Usage.InputTokens, result.Usage.OutputTokens)
            """);

        var requests = Llm.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["Write a haiku."], requests[0].Contents("system"));
        Assert.Equal(["Review the haiku."], requests[1].Contents("system"));
        Assert.Contains("Autumn moon rises", string.Join("\n", requests[1].Messages.Select(m => m.ToString())), StringComparison.Ordinal);
        var (_, updates) = Transcript(events);
        var text = Value(updates[^1], "text/plain");
        var writerAt = text.IndexOf("[writer]\nAutumn moon rises", StringComparison.Ordinal);
        var reviewerAt = text.IndexOf("[reviewer]\nGood imagery; add a season word.", StringComparison.Ordinal);
        Assert.True(writerAt >= 0 && reviewerAt > writerAt, text);
        Assert.Contains("250 input + 50 output tokens", text, StringComparison.Ordinal);
        Assert.Contains("<strong>reviewer</strong>", Value(updates[^1], "text/html"), StringComparison.Ordinal);
        var (final, input, output) = ((string, long, long))Assert.Single(events.OfType<ReturnValueProduced>()).Value!;
        Assert.Equal("Good imagery; add a season word.", final);
        Assert.Equal((250, 50), (input, output));
    }

    [Fact]
    public async Task A_group_chat_takes_turns_round_robin_up_to_the_turn_limit()
    {
        Llm.Enqueue(ScriptedReply.Say("Draft one"), ScriptedReply.Say("Needs work"), ScriptedReply.Say("Draft two"), ScriptedReply.Say("never asked"));

        var events = await SucceedAsync(Define + """await Agents.GroupChat(3, writer, reviewer).RunAsync("A haiku about rain");""");

        var requests = Llm.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(["Write a haiku.", "Review the haiku.", "Write a haiku."], requests.Select(r => r.Contents("system").Single()));
        var text = Value(Transcript(events).Updates[^1], "text/plain");
        var order = new[] { "[writer]\nDraft one", "[reviewer]\nNeeds work", "[writer]\nDraft two" }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), text);
        Assert.DoesNotContain("never asked", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_concurrent_workflow_asks_every_agent_the_same_task()
    {
        Llm.Enqueue(ScriptedReply.Say("One answer"), ScriptedReply.Say("Another answer"));

        var events = await SucceedAsync(Define + """await Agents.Concurrent(writer, reviewer).RunAsync("Same task");""");

        Assert.Equal(2, Llm.Requests.Count);
        Assert.All(Llm.Requests, r => Assert.Equal(["Same task"], r.Contents("user")));
        var text = Value(Transcript(events).Updates[^1], "text/plain");
        Assert.Contains("One answer", text, StringComparison.Ordinal);
        Assert.Contains("Another answer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_agent_calls_its_tools_and_the_call_is_shown()
    {
        Llm.Enqueue(ScriptedReply.Call("run", """{"code":"var drafted = 3; drafted"}"""), ScriptedReply.Say("Three drafts."), ScriptedReply.Say("Fine."));

        var events = await SucceedAsync("""
            var coder = Agents.Create("coder", endpoint: Endpoint, tools: [AgentTool.CSharp]);
            var checker = Agents.Create("checker", endpoint: Endpoint);
            await Agents.Sequential(coder, checker).RunAsync("Count");
            """);

        Assert.Contains("result: 3", Llm.Requests[1].Contents("tool").Single(), StringComparison.Ordinal);
        Assert.Equal(3, await ValueAsync("drafted"));
        var html = Value(Transcript(events).Updates[^1], "text/html");
        Assert.Contains("<details class=\"aistudio-agent-tool\">", html, StringComparison.Ordinal);
        Assert.Contains("result: 3", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handoff_workflow_routes_the_task_to_the_specialist_the_first_agent_picks()
    {
        Llm.Enqueue(ScriptedReply.Call("handoff_to_1", """{"reasonForHandoff":"a math question"}"""), ScriptedReply.Say("2 + 2 = 4."));

        var events = await SucceedAsync("""
            var triage = Agents.Create("triage", instructions: "Route questions.", endpoint: Endpoint);
            var math = Agents.Create("math", instructions: "Solve math.", endpoint: Endpoint, description: "Math questions");
            (await Agents.Handoff(triage, math).RunAsync("What is 2+2?")).FinalText
            """);

        var requests = Llm.Requests;
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("Route questions.", requests[0].Contents("system").Single(), StringComparison.Ordinal);
        Assert.Contains("Math questions", requests[0].Body.GetProperty("tools").ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Solve math.", requests[1].Contents("system").Single(), StringComparison.Ordinal);
        Assert.Equal("2 + 2 = 4.", Assert.Single(events.OfType<ReturnValueProduced>()).Value);
        var text = Value(Transcript(events).Updates[^1], "text/plain");
        Assert.Contains("[triage]\n  tool handoff_to_1(", text, StringComparison.Ordinal);
        Assert.Contains("[math]\n2 + 2 = 4.", text, StringComparison.Ordinal);
    }
}
