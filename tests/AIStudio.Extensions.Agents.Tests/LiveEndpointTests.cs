using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>
/// The streaming and tool-call path end to end against a real model when <c>AISTUDIO_TEST_LLM_ENDPOINT</c> (an
/// OpenAI-compatible base URL, e.g. https://api.openai.com/v1/) and <c>AISTUDIO_TEST_LLM_KEY</c> are set
/// (<c>AISTUDIO_TEST_LLM_MODEL</c> picks the model, gpt-4o-mini by default); otherwise against the scripted endpoint,
/// which plays what such a model does. The assertions are the same either way.
/// </summary>
public sealed class LiveEndpointTests : NotebookTestBase
{
    private static readonly string? RealEndpoint = Environment.GetEnvironmentVariable("AISTUDIO_TEST_LLM_ENDPOINT");
    private static readonly string? RealKey = Environment.GetEnvironmentVariable("AISTUDIO_TEST_LLM_KEY");

    private static bool Real => !string.IsNullOrWhiteSpace(RealEndpoint) && !string.IsNullOrWhiteSpace(RealKey);

    [Fact]
    public async Task A_model_streams_its_answer_after_running_csharp_in_the_kernel()
    {
        if (Real)
        {
            // The key goes into the kernel as a value, never through the cell's source.
            var model = Environment.GetEnvironmentVariable("AISTUDIO_TEST_LLM_MODEL") ?? "gpt-4o-mini";
            await Kernel.SendAsync(new SendValue("liveKey", RealKey, new FormattedValue("text/plain", "***"), "csharp"));
            await SucceedAsync($$"""var live = ModelEndpoint.OpenAICompatible(new Uri("{{RealEndpoint}}"), "{{model}}", liveKey);""");
        }
        else
        {
            Llm.Enqueue(ScriptedReply.Call("run", """{"code":"var liveAnswer = 6 * 7; liveAnswer"}"""), ScriptedReply.Say("The result is 42.", chunks: 5));
            await SucceedAsync("var live = Endpoint;");
        }

        var events = await SucceedAsync("""
            var calculator = Agents.Create("calculator",
                instructions: "You can run C# with the csharp tool. Always use it to compute; then answer with the number.",
                endpoint: live, tools: [AgentTool.CSharp]);
            var reply = await calculator.AskAsync("Run exactly this C# with the tool: `var liveAnswer = 6 * 7; liveAnswer` and tell me the result.");
            (reply.FinalText, reply.Usage.InputTokens, reply.Usage.OutputTokens, reply.ToolCalls.Count)
            """);

        Assert.Equal(42, await ValueAsync("liveAnswer"));
        var (final, input, output, toolCalls) = ((string, long, long, int))Assert.Single(events.OfType<ReturnValueProduced>()).Value!;
        Assert.Contains("42", final, StringComparison.Ordinal);
        Assert.True(input > 0 && output > 0, $"usage {input}/{output}");
        Assert.True(toolCalls >= 1);
        var (_, updates) = Transcript(events);
        Assert.Contains("csharp.run(", Value(updates[^1], "text/html"), StringComparison.Ordinal);
        Assert.Contains("done · ", Value(updates[^1], "text/plain"), StringComparison.Ordinal);
        if (!Real)
        {
            Assert.Contains("result: 42", Llm.Requests[^1].Contents("tool").Single(), StringComparison.Ordinal);
        }
    }
}
