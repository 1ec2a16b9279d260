using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Heartbeat;

public sealed class HeartbeatTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Heartbeat_echoes_every_ping()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await fixture.Connection.HeartbeatAsync(TimeSpan.FromSeconds(5)), $"ping {i} was not echoed");
        }
    }

    [Fact]
    public async Task Heartbeat_is_echoed_while_a_cell_runs()
    {
        using var timeout = Timeouts.After(Timeouts.FirstExecute);
        var marker = "beating-" + Guid.NewGuid().ToString("N");
        using var started = fixture.Connection.Subscribe(m => m.Channel == Channels.IOPub && m.MessageType == MessageTypes.Stream
            && m.Content.GetProperty("text").GetString()!.Contains(marker, StringComparison.Ordinal));
        var running = fixture.Connection.RunAsync($"Console.WriteLine(\"{marker}\"); System.Threading.Thread.Sleep(3000);");
        await started.WaitForAsync(_ => true, timeout.Token);

        Assert.True(await fixture.Connection.HeartbeatAsync(TimeSpan.FromSeconds(2), timeout.Token));
        Assert.False(running.IsCompleted, "The cell should still be running while the heartbeat is answered.");
        Assert.Equal("ok", (await running).Status);
    }

    public void Dispose() => _log.Dispose();
}
