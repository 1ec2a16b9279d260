using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// One front-end's ZeroMQ connection to a kernel (its own shell, control and stdin identity, so replies and input requests
/// reach only it) and the feed of what the kernel sends it: those replies, and the kernel's iopub as the hub's own
/// connection to the kernel hears it (one subscriber per kernel however many clients). It outlives a dropped WebSocket
/// for a while, buffering, so a client that reconnects with the same session_id gets what it missed.
/// </summary>
public sealed class ClientLink : IAsyncDisposable
{
    private ClientLink(ManagedKernel kernel, KernelConnection connection)
    {
        Connection = connection;
        // The kernel's own connection has followed the kernel's state from each status before it comes here (its
        // subscription is the first), so a client that saw idle and asks the API gets idle. Every iopub message goes to
        // every client, the statuses of the hub's own requests too (a restart's first idle is how a front-end learns the
        // kernel is back); this link sends nothing of its own but what its client wrote.
        Messages = new MessageTap(connection, kernel.Connection);
    }

    public KernelConnection Connection { get; }

    public MessageTap Messages { get; }

    /// <summary>
    /// Connects to a ready kernel. The kernel's own connection has heard iopub since the kernel became ready, so no output
    /// of the client's first request can be lost, and a request sent before the shell socket has connected waits in
    /// ZeroMQ's queue: no kernel_info round is needed before the client's first message.
    /// </summary>
    public static async Task<ClientLink> OpenAsync(ManagedKernel kernel, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        await kernel.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new KernelConnection(kernel.Process.Connection, new KernelConnectionOptions { Logger = logger, Username = "hub", IOPub = false });
        return new ClientLink(kernel, connection);
    }

    public async ValueTask DisposeAsync()
    {
        Messages.Dispose();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
