using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary><c>#!agent</c> in a kernel started by a hub (stubbed on loopback).</summary>
public sealed class MagicTests : NotebookTestBase
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
    public async Task The_rest_of_the_cell_is_the_question_and_the_conversation_goes_on_in_the_next_cell()
    {
        Llm.Enqueue(ScriptedReply.Say("Four."), ScriptedReply.Say("Six."));

        var first = await SucceedAsync("""
            #!agent quick --instructions "Answer in one word."
            What is 2+2?
            Think first.
            """);
        var second = await SucceedAsync("""
            #!agent quick
            And 3+3?
            """);

        Assert.Equal(["Answer in one word."], Llm.Requests[0].Contents("system"));
        Assert.Equal(["What is 2+2?\nThink first."], Llm.Requests[0].Contents("user"));
        Assert.Equal(["What is 2+2?\nThink first.", "And 3+3?"], Llm.Requests[1].Contents("user"));
        Assert.Contains("Four.", Value(Transcript(first).Updates[^1], "text/plain"), StringComparison.Ordinal);
        Assert.Contains("Six.", Value(Transcript(second).Updates[^1], "text/plain"), StringComparison.Ordinal);
        Assert.Empty(first.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics));
        Assert.Equal(2, _hub.UsageReports.Count);
    }

    [Fact]
    public async Task Tools_model_and_endpoint_are_options()
    {
        Llm.Enqueue(ScriptedReply.Call("run", """{"code":"var fromMagic = 5 + 5; fromMagic"}"""), ScriptedReply.Say("Ten."));

        await SucceedAsync("""
            #!agent coder --endpoint cheap --model other-model --tools csharp,datasets --instructions "Use C#."
            Add five and five.
            """);

        Assert.Contains("result: 10", Llm.Requests[1].Contents("tool").Single(), StringComparison.Ordinal);
        Assert.Equal(10, await ValueAsync("fromMagic"));
        Assert.Equal("other-model", Llm.Requests[0].Body.GetProperty("model").GetString());
        Assert.Contains(Llm.Requests[0].ToolNames, n => n.EndsWith("read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_shows_the_agents_and_the_hubs_endpoints_without_keys()
    {
        await SucceedAsync("""Agents.Create("listed", instructions: "Be helpful.", endpoint: Endpoint);""");

        var events = await SucceedAsync("#!agent --list");

        var list = Value(Assert.Single(events.OfType<DisplayedValueProduced>()), "text/plain");
        Assert.Contains("- listed: openai-compatible: scripted-model", list, StringComparison.Ordinal);
        Assert.Contains("- default (default): scripted-model at ", list, StringComparison.Ordinal);
        Assert.Contains("- cheap: tiny-model at ", list, StringComparison.Ordinal);
        Assert.Contains("org acme", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_name_question_or_unknown_tool_fail_with_a_message()
    {
        Assert.Contains("Name the agent", (await FailAsync("#!agent")).Message, StringComparison.Ordinal);
        Assert.Contains("Write the question for nobody", (await FailAsync("#!agent nobody")).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown tool 'shell'", (await FailAsync("#!agent x --tools shell\nHi")).Message, StringComparison.Ordinal);
        Assert.Empty(Llm.Requests);
    }
}
