using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>Endpoint failures surface as one clear message in the cell, never a stack trace, never the key.</summary>
public sealed class ErrorTests : NotebookTestBase
{
    [Fact]
    public async Task A_rate_limit_names_the_wait_the_endpoint_asked_for()
    {
        Llm.Enqueue(ScriptedReply.Fail(429, """{"error":{"message":"Rate limit reached for sk-SECRET-MARKER-8f3a2c71"}}""", retryAfter: "7"));

        var failure = await FailAsync("""await Agents.Create("limited", endpoint: Endpoint.With(maxRetries: 0)).AskAsync("Hi");""");

        Assert.Contains("is rate limiting requests (429 Too Many Requests); it asks to wait 7 s before retrying", failure.Message, StringComparison.Ordinal);
        AssertClear(failure);
    }

    [Fact]
    public async Task A_rate_limit_is_retried_after_the_wait_it_asked_for()
    {
        Llm.Enqueue(ScriptedReply.Fail(429, """{"error":{"message":"slow down"}}""", retryAfter: "0"), ScriptedReply.Say("Made it."));

        var events = await SucceedAsync("""await Agents.Create("patient", endpoint: Endpoint.With(maxRetries: 1)).AskAsync("Hi");""");

        Assert.Equal(2, Llm.Requests.Count);
        Assert.Contains("Made it.", Value(Transcript(events).Updates[^1], "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_says_so()
    {
        Llm.Enqueue(ScriptedReply.Fail(401, """{"error":{"message":"Incorrect API key provided: sk-SECRET-MARKER-8f3a2c71"}}"""));

        var failure = await FailAsync("""await Agents.Create("locked", endpoint: Endpoint).AskAsync("Hi");""");

        Assert.Contains("refused the API key (401 Unauthorized)", failure.Message, StringComparison.Ordinal);
        AssertClear(failure);
    }

    [Fact]
    public async Task A_malformed_streamed_reply_is_named_as_such()
    {
        Llm.Enqueue(new ScriptedReply { Malformed = "{\"choices\": [ {\"delta\": {\"content\": \"Hel" });

        var failure = await FailAsync("""await Agents.Create("garbled", endpoint: Endpoint).AskAsync("Hi");""");

        Assert.Contains("sent a reply that is not valid OpenAI chat completions JSON", failure.Message, StringComparison.Ordinal);
        AssertClear(failure);
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_with_the_limit_in_the_message()
    {
        Llm.Enqueue(new ScriptedReply { Text = "too late", Delay = TimeSpan.FromSeconds(20) });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = await FailAsync("""await Agents.Create("slow", endpoint: Endpoint.With(timeout: TimeSpan.FromMilliseconds(500), maxRetries: 0)).AskAsync("Hi");""");

        Assert.Contains("did not answer within 0.5 s (timeout)", failure.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"took {started.Elapsed}");
        AssertClear(failure);
    }

    [Fact]
    public async Task A_failing_agent_in_a_workflow_is_one_clear_error()
    {
        Llm.Enqueue(ScriptedReply.Fail(500, """{"error":{"message":"the model crashed"}}"""));

        var failure = await FailAsync("""
            await Agents.Sequential(Agents.Create("w1", endpoint: Endpoint.With(maxRetries: 0)), Agents.Create("w2", endpoint: Endpoint)).RunAsync("Hi");
            """);

        Assert.Contains("failed with a server error (500): the model crashed. Try again later.", failure.Message, StringComparison.Ordinal);
        AssertClear(failure);
    }

    [Fact]
    public async Task The_key_is_redacted_from_the_endpoint_and_agent_descriptions()
    {
        var text = (string)(await ValueAsync("""Endpoint.ToString() + " | " + Agents.Create("shown", endpoint: Endpoint).ToString()"""))!;

        Assert.Contains("key: ***", text, StringComparison.Ordinal);
        Assert.Contains("scripted-model", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }

    private static void AssertClear(CommandFailed failure)
    {
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--- End of", failure.Message, StringComparison.Ordinal);
    }
}
