using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>
/// A live feed of the verified messages a <see cref="KernelConnection"/> receives on any channel (iopub, shell, control,
/// stdin; <see cref="JupyterMessage.Channel"/> says which), from the moment it was made until it is disposed.
/// </summary>
public sealed class MessageSubscription : IDisposable
{
    private readonly Channel<JupyterMessage> _messages = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Func<JupyterMessage, bool>? _filter;
    private readonly Action<MessageSubscription> _unsubscribe;
    private readonly List<JupyterMessage> _read = [];
    private int _disposed;

    internal MessageSubscription(Func<JupyterMessage, bool>? filter, Action<MessageSubscription> unsubscribe)
    {
        _filter = filter;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The messages read so far through <see cref="ReadAsync"/> or <see cref="WaitForAsync"/>, in order.</summary>
    public IReadOnlyList<JupyterMessage> Read
    {
        get
        {
            lock (_read)
            {
                return [.. _read];
            }
        }
    }

    /// <summary>Reads the next message; waits until one comes or <paramref name="cancellationToken"/> fires.</summary>
    public async ValueTask<JupyterMessage> ReadAsync(CancellationToken cancellationToken = default)
    {
        var message = await _messages.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_read)
        {
            _read.Add(message);
        }

        return message;
    }

    /// <summary>Reads messages until one matches; the ones read on the way stay in <see cref="Read"/>.</summary>
    public async Task<JupyterMessage> WaitForAsync(Func<JupyterMessage, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        while (true)
        {
            var message = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (predicate(message))
            {
                return message;
            }
        }
    }

    /// <summary>Reads every message as it comes.</summary>
    public async IAsyncEnumerable<JupyterMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _messages.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_messages.Reader.TryRead(out var message))
            {
                lock (_read)
                {
                    _read.Add(message);
                }

                yield return message;
            }
        }
    }

    /// <summary>Takes a message already received without waiting.</summary>
    public bool TryRead(out JupyterMessage? message)
    {
        if (_messages.Reader.TryRead(out message))
        {
            lock (_read)
            {
                _read.Add(message);
            }

            return true;
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _messages.Writer.TryComplete();
        }
    }

    internal void Offer(JupyterMessage message)
    {
        if (_filter is null || _filter(message))
        {
            _messages.Writer.TryWrite(message);
        }
    }

    internal void Complete(Exception? error = null) => _messages.Writer.TryComplete(error);
}
