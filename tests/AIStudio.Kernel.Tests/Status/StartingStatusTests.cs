using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Status;

/// <summary>status starting: published once, when the kernel starts, before any busy or idle.</summary>
public sealed class StartingStatusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_client_connected_before_the_kernel_binds_sees_starting_once_before_any_busy()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        // The connection is made before the process has bound its sockets (the runtime takes far longer to start than
        // ZeroMQ takes to connect), so this is the best case for the slow-joiner problem of PUB/SUB.
        await using var kernel = await KernelUnderTest.LaunchAsync(TestKernelSpecs.AIStudio(), timeout.Token);
        using var log = kernel.Log.Attach(output);
        using var statuses = kernel.Connection.Subscribe(m => m.Channel == Channels.IOPub && m.MessageType == MessageTypes.Status);

        await kernel.WaitForReadyAsync(kernel.Connection, timeout.Token);
        await kernel.Connection.AssertServingAsync();
        // The second kernel_info's idle has come once the reply to the third request has: iopub is ordered.
        using (var drain = Timeouts.After(Timeouts.Request))
        {
            var request = kernel.Connection.CreateMessage(MessageTypes.KernelInfoRequest, JupyterMessage.Empty);
            await kernel.Connection.RequestAsync(Channels.Shell, request, drain.Token);
            await statuses.WaitForAsync(m => m.IsStatus("idle") && m.HasParent(request), drain.Token);
        }

        var states = statuses.Read.Select(m => m.Content.GetProperty("execution_state").GetString()).ToList();
        output.WriteLine(string.Join(", ", states));
        Assert.Equal(1, states.Count(s => s == "starting"));
        Assert.Equal("starting", states[0]);
        var starting = statuses.Read[0];
        Assert.True(starting.ParentHeader is null, "status starting answers no request: its parent header is empty.");
    }
}
