using System.Text.Json;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Comms;

public sealed class CommTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Fact]
    public async Task Comm_info_replies_ok_with_a_comms_map()
    {
        using var timeout = Timeouts.After(Timeouts.Request);

        var reply = await fixture.Connection.CommInfoAsync(cancellationToken: timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.NotNull(reply.Comms);
    }

    [Fact]
    public async Task Comm_open_to_an_unknown_target_is_answered_by_comm_close_of_that_comm()
    {
        var commId = Guid.NewGuid().ToString("N");
        using var timeout = Timeouts.After(Timeouts.Request);
        using var closes = fixture.Connection.Subscribe(m =>
            m.Channel == Channels.IOPub && m.MessageType == MessageTypes.CommClose
            && m.Content.TryGetProperty("comm_id", out var id) && id.GetString() == commId);
        var open = fixture.Connection.CreateMessage(
            MessageTypes.CommOpen,
            new CommOpen { CommId = commId, TargetName = "aistudio.no.such.target", Data = JsonDocument.Parse("{\"x\":1}").RootElement },
            ProtocolJson.Default.CommOpen);

        await fixture.Connection.SendAsync(Channels.Shell, open, timeout.Token);

        var close = await closes.WaitForAsync(_ => true, timeout.Token);
        Assert.Equal(open.Header.MessageId, close.ParentHeader?.MessageId);
        var info = await fixture.Connection.CommInfoAsync(cancellationToken: timeout.Token);
        Assert.False(info.Comms.ContainsKey(commId), "A refused comm must not be listed as open.");
    }

    [Fact]
    public async Task Comm_msg_and_comm_close_for_an_unknown_comm_are_ignored_and_the_kernel_keeps_serving()
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var message = fixture.Connection.CreateMessage(MessageTypes.CommMsg, new CommMsg { CommId = "no-such-comm" }, ProtocolJson.Default.CommMsg);
        var close = fixture.Connection.CreateMessage(MessageTypes.CommClose, new CommClose { CommId = "no-such-comm" }, ProtocolJson.Default.CommClose);

        await fixture.Connection.SendAsync(Channels.Shell, message, timeout.Token);
        await fixture.Connection.SendAsync(Channels.Shell, close, timeout.Token);

        await fixture.Connection.AssertServingAsync();
        await fixture.Connection.RunOkAsync("1 + 1");
    }

    public void Dispose() => _log.Dispose();
}
