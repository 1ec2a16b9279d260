using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Status;

/// <summary>Every request is wrapped in status busy … idle on iopub, both with the request as parent.</summary>
public sealed class BusyIdleTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    public static TheoryData<string, string> Requests => new()
    {
        { Channels.Shell, MessageTypes.KernelInfoRequest },
        { Channels.Control, MessageTypes.KernelInfoRequest },
        { Channels.Shell, MessageTypes.ExecuteRequest },
        { Channels.Shell, MessageTypes.CompleteRequest },
        { Channels.Shell, MessageTypes.InspectRequest },
        { Channels.Shell, MessageTypes.IsCompleteRequest },
        { Channels.Shell, MessageTypes.HistoryRequest },
        { Channels.Shell, MessageTypes.CommInfoRequest },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Busy_then_idle_surround_the_request_with_it_as_parent(string channel, string messageType)
    {
        using var timeout = Timeouts.After(Timeouts.FirstExecute);
        var connection = fixture.Connection;
        var request = messageType switch
        {
            MessageTypes.ExecuteRequest => connection.CreateMessage(messageType, new ExecuteRequest { Code = "1 + 1" }, ProtocolJson.Default.ExecuteRequest),
            MessageTypes.CompleteRequest => connection.CreateMessage(messageType, new CompleteRequest { Code = "Console.Wri", CursorPosition = 11 }, ProtocolJson.Default.CompleteRequest),
            MessageTypes.InspectRequest => connection.CreateMessage(messageType, new InspectRequest { Code = "Console", CursorPosition = 7 }, ProtocolJson.Default.InspectRequest),
            MessageTypes.IsCompleteRequest => connection.CreateMessage(messageType, new IsCompleteRequest { Code = "1 + 1;" }, ProtocolJson.Default.IsCompleteRequest),
            MessageTypes.HistoryRequest => connection.CreateMessage(messageType, new HistoryRequest { HistAccessType = "tail", N = 5 }, ProtocolJson.Default.HistoryRequest),
            _ => connection.CreateMessage(messageType, JupyterMessage.Empty),
        };
        using var iopub = connection.Subscribe(m => m.Channel == Channels.IOPub && m.HasParent(request));

        var reply = await connection.RequestAsync(channel, request, timeout.Token);
        await iopub.WaitForAsync(m => m.IsStatus("idle"), timeout.Token);

        Assert.Equal(MessageTypes.ReplyTo(messageType), reply.MessageType);
        var statuses = iopub.Read.Where(m => m.MessageType == MessageTypes.Status).Select(m => m.Content.GetProperty("execution_state").GetString()).ToList();
        Assert.Equal(["busy", "idle"], statuses);
        Assert.True(iopub.Read[0].IsStatus("busy"), "busy must be the first iopub message of the request.");
        Assert.True(iopub.Read[^1].IsStatus("idle"), "idle must be the last iopub message of the request.");
    }

    public void Dispose() => _log.Dispose();
}
