using System.Text.Json;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Execute;

public sealed class ExecuteTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Execution_count_increments_by_one_per_stored_execute_and_is_echoed_in_input_and_result()
    {
        var first = await fixture.Connection.RunOkAsync("1 + 1");
        var second = await fixture.Connection.RunOkAsync("2 + 2");

        Assert.True(first.ExecutionCount > 0);
        Assert.Equal(first.ExecutionCount + 1, second.ExecutionCount);
        Assert.Equal(second.ExecutionCount, second.Input?.ExecutionCount);
        Assert.Equal(second.ExecutionCount, second.Result?.ExecutionCount);
        Assert.Equal("2 + 2", second.Input?.Code);
        Assert.Equal("4", second.ResultText);
    }

    [Fact]
    public async Task Silent_execute_runs_but_neither_counts_nor_publishes_execute_input_or_result()
    {
        var before = await fixture.Connection.RunOkAsync("1");
        var silent = await fixture.Connection.RunOkAsync("var silentValue = 5; silentValue", new ExecuteOptions { Silent = true });
        var after = await fixture.Connection.RunOkAsync("silentValue");

        Assert.Empty(silent.OfType(MessageTypes.ExecuteInput));
        Assert.Empty(silent.OfType(MessageTypes.ExecuteResult));
        Assert.Equal(before.ExecutionCount + 1, after.ExecutionCount);
        Assert.Equal("5", after.ResultText);
    }

    [Fact]
    public async Task Store_history_false_does_not_count()
    {
        var before = await fixture.Connection.RunOkAsync("1");
        await fixture.Connection.RunOkAsync("var unstoredValue = 7;", new ExecuteOptions { StoreHistory = false });
        var after = await fixture.Connection.RunOkAsync("unstoredValue");

        Assert.Equal(before.ExecutionCount + 1, after.ExecutionCount);
        Assert.Equal("7", after.ResultText);
    }

    [Fact]
    public async Task User_expressions_are_evaluated_after_the_code_and_reported_by_name()
    {
        var result = await fixture.Connection.RunOkAsync(
            "var userExpressionBase = 40;",
            new ExecuteOptions { UserExpressions = new Dictionary<string, string> { ["x"] = "1+2", ["y"] = "userExpressionBase + 2", ["bad"] = "nosuchname(" } });

        var expressions = result.ReplyContent.UserExpressions;
        Assert.NotNull(expressions);
        Assert.Equal("ok", expressions["x"].GetProperty("status").GetString());
        Assert.Equal("3", expressions["x"].GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("42", expressions["y"].GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("error", expressions["bad"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, expressions["bad"].GetProperty("ename").ValueKind);
    }

    [Fact]
    public async Task Stop_on_error_aborts_the_executes_queued_behind_a_failing_one()
    {
        // Both requests are queued before the first yields, so the second waits in the kernel's shell queue while the
        // first runs and fails.
        var failing = fixture.Connection.RunAsync("throw new System.InvalidOperationException(\"first fails\");");
        var queued = fixture.Connection.RunAsync("var queuedRan = true; 1 + 1");

        var failed = await failing;
        var aborted = await queued;

        Assert.Equal("error", failed.Status);
        Assert.True(aborted.Status == "aborted", $"Expected the queued execute to be aborted:\n{aborted}");
        Assert.Empty(aborted.OfType(MessageTypes.ExecuteResult));
        // The abort ends with the queue: the next execute runs, and the aborted one never did.
        var next = await fixture.Connection.RunAsync("queuedRan");
        Assert.Equal("error", next.Status);
        await fixture.Connection.RunOkAsync("1 + 1");
    }

    [Fact]
    public async Task Stop_on_error_false_lets_the_queued_execute_run()
    {
        var failing = fixture.Connection.RunAsync("throw new System.InvalidOperationException(\"fails alone\");", new ExecuteOptions { StopOnError = false });
        var queued = fixture.Connection.RunAsync("3 + 3");

        Assert.Equal("error", (await failing).Status);
        var ran = await queued;
        Assert.Equal("ok", ran.Status);
        Assert.Equal("6", ran.ResultText);
    }

    [Fact]
    public async Task State_persists_between_cells()
    {
        await fixture.Connection.RunOkAsync("var persisted = new System.Collections.Generic.List<int> { 1, 2 };");
        await fixture.Connection.RunOkAsync("persisted.Add(3);");
        var result = await fixture.Connection.RunOkAsync("persisted.Count");

        Assert.Equal("3", result.ResultText);
    }

    public void Dispose() => _log.Dispose();
}
