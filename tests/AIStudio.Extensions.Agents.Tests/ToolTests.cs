using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>Tool calls the scripted model makes, run by Semantic Kernel's automatic function calling.</summary>
public sealed class ToolTests : NotebookTestBase
{
    [Fact]
    public async Task The_csharp_tool_runs_code_in_this_kernel_and_its_result_goes_back_to_the_model()
    {
        await SucceedAsync("var factor = 6;");
        Llm.Enqueue(
            ScriptedReply.Call("run", """{"code":"var answer = factor * 7; Console.WriteLine($\"answer is {answer}\"); answer"}"""),
            ScriptedReply.Say("The answer is 42."));

        var events = await SucceedAsync("""
            var analyst = Agents.Create("analyst", endpoint: Endpoint, tools: [AgentTool.CSharp]);
            var reply = await analyst.AskAsync("Compute it");
            """);

        // The code really ran in the notebook's kernel: the variable it declared is there in the next cell.
        Assert.Equal(42, await ValueAsync("answer"));
        var requests = Llm.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests[0].ToolNames, n => n.EndsWith("run", StringComparison.Ordinal));
        var toolResult = Assert.Single(requests[1].Contents("tool"));
        Assert.Contains("answer is 42", toolResult, StringComparison.Ordinal);
        Assert.Contains("result: 42", toolResult, StringComparison.Ordinal);
        var (_, updates) = Transcript(events);
        var html = Value(updates[^1], "text/html");
        Assert.Contains("<details class=\"aistudio-agent-tool\"><summary>🔧 <code>csharp.run(", html, StringComparison.Ordinal);
        Assert.Contains("answer is 42", html, StringComparison.Ordinal);
        Assert.Contains("The answer is 42.", html, StringComparison.Ordinal);
        Assert.Contains("30 input + 13 output tokens", Value(updates[^1], "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_snippet_returns_its_error_to_the_model_and_the_cell_goes_on()
    {
        Llm.Enqueue(ScriptedReply.Call("run", """{"code":"undefinedThing + 1"}"""), ScriptedReply.Say("That failed; sorry."));

        await SucceedAsync("""await Agents.Create("coder", endpoint: Endpoint, tools: [AgentTool.CSharp]).AskAsync("Try");""");

        var toolResult = Assert.Single(Llm.Requests[1].Contents("tool"));
        Assert.Contains("error:", toolResult, StringComparison.Ordinal);
        Assert.Contains("undefinedThing", toolResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KernelFunction_plugin_written_in_the_notebook_is_called()
    {
        await SucceedAsync("""
            using System.ComponentModel;
            using Microsoft.SemanticKernel;
            public class Weather
            {
                public static List<string> Asked { get; } = new();
                [KernelFunction("forecast"), Description("The weather forecast for a city")]
                public string Forecast([Description("The city")] string city) { Asked.Add(city); return $"sunny and 21 °C in {city}"; }
            }
            """);
        Llm.Enqueue(ScriptedReply.Call("forecast", """{"city":"Oslo"}"""), ScriptedReply.Say("Sunny in Oslo."));

        await SucceedAsync("""await Agents.Create("weather", endpoint: Endpoint, tools: [AgentTool.Plugin(new Weather())]).AskAsync("Weather in Oslo?");""");

        Assert.Equal("Oslo", Assert.Single((List<string>)(await ValueAsync("Weather.Asked"))!));
        Assert.Equal("sunny and 21 °C in Oslo", Assert.Single(Llm.Requests[1].Contents("tool")));
    }

    [Fact]
    public async Task A_plugin_without_kernel_functions_is_refused_with_a_message()
    {
        var failure = await FailAsync("""AgentTool.Plugin(new object())""");
        Assert.Contains("has no [KernelFunction] methods", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_datasets_tool_reads_iris()
    {
        Llm.Enqueue(ScriptedReply.Call("list", "{}"), ScriptedReply.Call("read", """{"name":"iris","rows":3}"""), ScriptedReply.Say("Iris has four measurements."));

        await SucceedAsync("""await Agents.Create("data", endpoint: Endpoint, tools: [AgentTool.Datasets]).AskAsync("What is in iris?");""");

        var requests = Llm.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Contains("iris:", Assert.Single(requests[1].Contents("tool")), StringComparison.Ordinal);
        var rows = requests[2].Contents("tool")[^1];
        Assert.StartsWith("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n5.1,3.5,1.4,0.2,setosa\n", rows, StringComparison.Ordinal);
        Assert.EndsWith("(3 of 150 rows)", rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_fetch_works_where_the_network_is_allowed_and_is_refused_where_it_is_not()
    {
        await using var hub = await HubStub.StartAsync(Llm.BaseUrl, Key);
        var url = new Uri(hub.Address, "hello");
        Llm.Enqueue(ScriptedReply.Call("get", $$"""{"url":"{{url}}"}"""), ScriptedReply.Say("Fetched."));
        await SucceedAsync("""var fetcher = Agents.Create("fetcher", endpoint: Endpoint, tools: [AgentTool.HttpFetch]); await fetcher.AskAsync("Fetch");""");
        Assert.Contains("200 OK (text/plain)\nhello from the loopback", Llm.Requests[1].Contents("tool")[0], StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("AISTUDIO_NETWORK", "none");
        try
        {
            Llm.Enqueue(ScriptedReply.Call("get", $$"""{"url":"{{url}}"}"""), ScriptedReply.Say("No network."));
            await SucceedAsync("""await fetcher.AskAsync("Fetch again");""");
        }
        finally
        {
            Environment.SetEnvironmentVariable("AISTUDIO_NETWORK", null);
        }

        var refused = Llm.Requests[3].Contents("tool")[^1];
        Assert.Contains("HTTP fetch is not allowed", refused, StringComparison.Ordinal);
        Assert.Contains("AISTUDIO_NETWORK=none", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from the loopback", refused, StringComparison.Ordinal);
    }
}
