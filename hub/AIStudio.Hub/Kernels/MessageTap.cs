using System.Threading.Channels;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// A long-lived feed of a <see cref="KernelConnection"/>'s verified messages. <see cref="MessageSubscription"/> keeps every
/// message it has handed out (for tests to inspect), which would grow without end over a kernel's life; the tap copies
/// messages into a channel of its own from the subscription's filter and lets none through to the subscription itself.
/// </summary>
public sealed class MessageTap : IDisposable
{
    // Synchronous continuations: a reader waiting for the next message (the WebSocket's pump) goes on on the thread that
    // wrote it, the connection's poller, up to its WebSocket send, instead of waiting for a thread-pool thread (measured:
    // ~0.1 ms at the median and ~0.9 ms at p95 per message on a busy 2-CPU machine). The pump never blocks: a send that
    // cannot complete at once resumes on the thread pool.
    private readonly Channel<JupyterMessage> _messages = Channel.CreateUnbounded<JupyterMessage>(
        new UnboundedChannelOptions { SingleWriter = false, SingleReader = true, AllowSynchronousContinuations = true });
    private readonly MessageSubscription _subscription;

    public MessageTap(KernelConnection connection, Func<JupyterMessage, bool> accept)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(accept);
        _subscription = connection.Subscribe(message =>
        {
            if (accept(message))
            {
                _messages.Writer.TryWrite(message);
            }

            return false;
        });
    }

    public ChannelReader<JupyterMessage> Reader => _messages.Reader;

    /// <summary>Adds a message of the hub's own (a status it announces) to the feed, after what arrived so far.</summary>
    public void Inject(JupyterMessage message) => _messages.Writer.TryWrite(message);

    /// <summary>Drops what arrived so far.</summary>
    public void Discard()
    {
        while (_messages.Reader.TryRead(out _))
        {
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _messages.Writer.TryComplete();
    }
}
