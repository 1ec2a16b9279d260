using System.Text.Json;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.History;

/// <summary>history_request after a few executes: entries are [session, line, input], line being the execution count.</summary>
public sealed class HistoryTests(HistoryTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<HistoryTests.Fixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Tail_returns_the_last_n_stored_inputs_in_order()
    {
        var history = await HistoryAsync(new HistoryRequest { HistAccessType = "tail", N = 3, Raw = true });

        Assert.Equal(fixture.Inputs, history.Select(h => h.Input));
        Assert.Equal(fixture.Counts, history.Select(h => h.Line));
        Assert.DoesNotContain(history, h => h.Input.Contains("notStored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Range_returns_lines_from_start_up_to_but_not_including_stop()
    {
        var history = await HistoryAsync(new HistoryRequest { HistAccessType = "range", Session = 0, Start = fixture.Counts[0], Stop = fixture.Counts[1] + 1 });

        Assert.Equal(fixture.Inputs.Take(2), history.Select(h => h.Input));
    }

    [Fact]
    public async Task Search_matches_a_glob_pattern()
    {
        var history = await HistoryAsync(new HistoryRequest { HistAccessType = "search", Pattern = "*historyB*", N = 10 });

        Assert.Contains(fixture.Inputs[1], history.Select(h => h.Input));
        Assert.Contains(fixture.Inputs[2], history.Select(h => h.Input));
        Assert.DoesNotContain(fixture.Inputs[0], history.Select(h => h.Input));
    }

    [Fact]
    public async Task Output_true_pairs_each_input_with_its_output()
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var reply = await fixture.Connection.HistoryAsync(new HistoryRequest { HistAccessType = "tail", N = 1, Output = true }, timeout.Token);

        Assert.Equal("ok", reply.Status);
        var entry = Assert.Single(reply.History);
        var pair = entry[2];
        Assert.Equal(JsonValueKind.Array, pair.ValueKind);
        Assert.Equal(fixture.Inputs[2], pair[0].GetString());
    }

    private async Task<List<(int Line, string Input)>> HistoryAsync(HistoryRequest request)
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var reply = await fixture.Connection.HistoryAsync(request, timeout.Token);
        Assert.Equal("ok", reply.Status);
        output.WriteLine(string.Join("\n", reply.History.Select(h => h.GetRawText())));
        return [.. reply.History.Select(h => (h[1].GetInt32(), h[2].GetString()!))];
    }

    public void Dispose() => _log.Dispose();

    /// <summary>A kernel with three stored executes and one that is not stored.</summary>
    public sealed class Fixture : KernelFixture
    {
        public List<string> Inputs { get; } = ["var historyA = 1;", "var historyB = historyA + 1;", "historyB"];

        public List<int> Counts { get; } = [];

        protected override async Task OnStartedAsync(KernelUnderTest kernel)
        {
            await kernel.Connection.RunOkAsync("var notStored = 0;", new ExecuteOptions { StoreHistory = false });
            foreach (var input in Inputs)
            {
                Counts.Add((await kernel.Connection.RunOkAsync(input)).ExecutionCount);
            }
        }
    }
}
