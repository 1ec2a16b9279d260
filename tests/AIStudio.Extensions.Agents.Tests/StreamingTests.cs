using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>A reply streamed by the real Semantic Kernel OpenAI connector from the scripted endpoint, rendered in place.</summary>
public sealed class StreamingTests : NotebookTestBase
{
    [Fact]
    public async Task A_streamed_reply_is_one_display_updated_in_place_ending_with_the_whole_text_usage_and_cost()
    {
        Llm.Enqueue(ScriptedReply.Say("Hello, **notebook**! The mean is `5.84`.", input: 1200, output: 300, chunks: 4));

        var events = await SucceedAsync("""
            var helper = Agents.Create("helper", instructions: "Be brief.", endpoint: Endpoint);
            var reply = await helper.AskAsync("Say hello");
            (reply.Text, reply.Usage.InputTokens, reply.Usage.OutputTokens, reply.Cost)
            """);

        var (shown, updates) = Transcript(events);
        Assert.DoesNotContain("notebook", Value(shown, "text/plain"), StringComparison.Ordinal);
        var last = updates[^1];
        Assert.Contains("Hello, **notebook**! The mean is `5.84`.", Value(last, "text/plain"), StringComparison.Ordinal);
        Assert.Contains("Hello, <strong>notebook</strong>! The mean is <code>5.84</code>.", Value(last, "text/html"), StringComparison.Ordinal);
        Assert.Contains("done · 1,200 input + 300 output tokens · est. $0.0060", Value(last, "text/plain"), StringComparison.Ordinal);

        var result = Assert.Single(events.OfType<ReturnValueProduced>());
        var (text, input, output, cost) = ((string, long, long, decimal?))result.Value!;
        Assert.Equal("Hello, **notebook**! The mean is `5.84`.", text);
        Assert.Equal((1200, 300), (input, output));
        Assert.Equal(0.006m, cost);

        var request = Assert.Single(Llm.Requests);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal("Bearer " + Key, request.Authorization);
        Assert.Equal(["Be brief."], request.Contents("system"));
        Assert.Equal(["Say hello"], request.Contents("user"));
    }

    [Fact]
    public async Task Many_chunks_at_once_are_throttled_and_the_final_state_is_always_shown()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => $"w{i} "));
        Llm.Enqueue(ScriptedReply.Say(text, chunks: 200));

        var events = await SucceedAsync("""await Agents.Create("fast", endpoint: Endpoint).AskAsync("Go");""");

        var (_, updates) = Transcript(events);
        Assert.True(updates.Count < 50, $"{updates.Count} updates for 200 chunks");
        Assert.Contains(text.TrimEnd(), Value(updates[^1], "text/plain"), StringComparison.Ordinal);
        Assert.Contains("done ·", Value(updates[^1], "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_remembers_the_conversation_until_reset()
    {
        Llm.Enqueue(ScriptedReply.Say("Noted: 7."), ScriptedReply.Say("It was 7."), ScriptedReply.Say("What number?"));

        await SucceedAsync("""
            var memo = Agents.Create("memo", endpoint: Endpoint);
            await memo.AskAsync("Remember 7");
            await memo.AskAsync("What was it?");
            memo.Reset();
            await memo.AskAsync("What was it?");
            """);

        var requests = Llm.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(["Remember 7", "What was it?"], requests[1].Contents("user"));
        Assert.Equal(["Noted: 7."], requests[1].Contents("assistant"));
        Assert.Equal(["What was it?"], requests[2].Contents("user"));
    }

    [Fact]
    public async Task Outside_a_notebook_the_reply_is_printed_as_plain_text_lines()
    {
        Llm.Enqueue(ScriptedReply.Say("Plain and simple."));
        var endpoint = ModelEndpoint.OpenAICompatible(Llm.BaseUrl, "scripted-model", Key);
        var agent = Agents.Create("console", endpoint: endpoint);
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var reply = await Task.Run(() => agent.AskAsync("Hi"));
            Assert.Equal("Plain and simple.", reply.Text);
        }
        finally
        {
            Console.SetOut(original);
        }

        var printed = output.ToString();
        Assert.Contains("[console]\nPlain and simple.\n", printed.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("done · 10 input + 5 output tokens", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", printed, StringComparison.Ordinal);
    }
}
