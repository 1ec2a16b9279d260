using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// One front-end's ZeroMQ connection to a kernel (its own shell, control and stdin identity, so replies and input requests
/// reach only it) and the feed of what the kernel sends it. It outlives a dropped WebSocket for a while, buffering, so a
/// client that reconnects with the same session_id gets what it missed.
/// </summary>
public sealed class ClientLink : IAsyncDisposable
{
    private static readonly TimeSpan ReadyRound = TimeSpan.FromMilliseconds(50);

    private ClientLink(ManagedKernel kernel, KernelConnection connection)
    {
        Connection = connection;
        // The kernel's state follows this link's copy of a status too, before the client gets it. Replies to the hub's
        // own kernel_info nudges are not the client's business.
        Messages = new MessageTap(connection, m =>
        {
            kernel.FollowIOPub(m);
            return m.ParentHeader?.Session != connection.Session;
        });
    }

    public KernelConnection Connection { get; }

    public MessageTap Messages { get; }

    /// <summary>Connects to the kernel and waits (as jupyter_server's nudge does) until it answers with iopub live, so no output of the client's first request is lost.</summary>
    public static async Task<ClientLink> OpenAsync(ManagedKernel kernel, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        // The kernel already runs (Ready): a silent round only means the new iopub subscription missed its status (ZeroMQ's
        // slow joiner), so ask again soon rather than after the default second.
        var connection = new KernelConnection(kernel.Process.Connection, new KernelConnectionOptions { Logger = logger, Username = "hub", ReadyAttemptInterval = ReadyRound });
        try
        {
            await kernel.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            await connection.WaitForReadyAsync(cancellationToken).ConfigureAwait(false);
            return new ClientLink(kernel, connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Messages.Dispose();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
