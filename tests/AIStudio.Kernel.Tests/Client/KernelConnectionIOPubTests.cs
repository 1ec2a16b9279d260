using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>
/// A connection without an iopub subscription (<see cref="KernelConnectionOptions.IOPub"/> off, as the hub's client links
/// are), on the real aistudio-kernel: it is ready on the kernel_info reply alone and gets its own replies, and the iopub
/// messages of its requests reach a connection that subscribes, not it.
/// </summary>
public sealed class KernelConnectionIOPubTests : IDisposable
{
    private readonly TempDirectory _directory = new("aistudio-connection-iopub");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_connection_without_iopub_gets_its_replies_and_the_iopub_of_its_requests_goes_to_the_subscriber()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Exit);
        IKernelLauncher launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = Path.Combine(_directory.Path, "runtime") });
        var spec = new KernelSpec
        {
            Argv = [RepositoryLayout.DotnetHost, RepositoryLayout.KernelAssembly, "--connection-file", "{connection_file}", "--no-history"],
            DisplayName = "C# (connection test)",
            Language = "csharp",
            InterruptMode = KernelSpec.InterruptModeMessage,
            Name = "aistudio-csharp-connection-test",
        };
        await using var kernel = await launcher.StartAsync(new KernelLaunchRequest { Spec = spec, WorkingDirectory = _directory.Path }, timeout.Token);
        await using var listener = new KernelConnection(kernel.Connection);
        await listener.WaitForReadyAsync(timeout.Token);
        using var heard = listener.Subscribe();

        await using var quiet = new KernelConnection(kernel.Connection, new KernelConnectionOptions { IOPub = false });
        using var own = quiet.Subscribe();
        var ready = await quiet.WaitForReadyAsync(timeout.Token);
        Assert.Equal(MessageTypes.KernelInfoReply, ready.MessageType);
        Assert.Equal(Channels.Shell, ready.Channel);

        var request = quiet.CreateMessage(MessageTypes.KernelInfoRequest, JupyterMessage.Empty);
        var reply = await quiet.RequestAsync(Channels.Shell, request, timeout.Token);
        Assert.Equal(request.Header.MessageId, reply.ParentHeader?.MessageId);

        // The kernel published busy and idle for the request: the subscribing connection hears both.
        var idle = await heard.WaitForAsync(
            m => m.ParentHeader?.MessageId == request.Header.MessageId && m.MessageType == MessageTypes.Status &&
                 m.Content.GetProperty("execution_state").GetString() == "idle",
            timeout.Token);
        Assert.Equal(Channels.IOPub, idle.Channel);
        Assert.Contains(heard.Read, m => m.ParentHeader?.MessageId == request.Header.MessageId && m.MessageType == MessageTypes.Status &&
                                         m.Content.GetProperty("execution_state").GetString() == "busy");

        // The connection without iopub got its two replies and nothing else, on shell.
        var replies = new List<JupyterMessage>();
        using var drained = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        drained.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            while (true)
            {
                replies.Add(await own.ReadAsync(drained.Token));
            }
        }
        catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
        {
        }

        Assert.Equal([MessageTypes.KernelInfoReply, MessageTypes.KernelInfoReply], replies.Select(m => m.MessageType));
        Assert.All(replies, m => Assert.Equal(Channels.Shell, m.Channel));
    }
}
