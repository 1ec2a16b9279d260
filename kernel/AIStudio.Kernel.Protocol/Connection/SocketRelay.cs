using System.Net;
using System.Net.Sockets;

namespace AIStudio.Kernel.Protocol.Connection;

/// <summary>
/// Carries a kernel's ZeroMQ byte streams across a network namespace: listens on one endpoint (a TCP port or a Unix
/// domain socket) and, for each connection accepted, connects to the target endpoint and copies bytes both ways
/// (<see cref="PipeAsync"/>) until both sides have closed. ZMTP passes through unchanged (signatures included), so
/// neither peer knows. A kernel sandboxed without network binds its TCP ports inside its own namespace and relays them to
/// Unix sockets in a shared folder; the launcher relays host loopback ports to those sockets; its links out
/// (<see cref="KernelLinks"/>) are relays the other way. The one piece of I/O in this assembly, shared by both ends.
/// </summary>
public sealed class SocketRelay : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];
    private readonly string? _unixPath;

    private SocketRelay(Socket listener, EndPoint target)
    {
        _listener = listener;
        _target = target;
        _unixPath = listener.LocalEndPoint is UnixDomainSocketEndPoint unix ? unix.ToString() : null;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public EndPoint Listening { get; private init; } = null!;

    /// <summary>Starts listening on <paramref name="listen"/> (a Unix socket's file is replaced if one is left over).</summary>
    public static SocketRelay Start(EndPoint listen, EndPoint target)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(target);
        if (listen is UnixDomainSocketEndPoint unix && File.Exists(unix.ToString()))
        {
            File.Delete(unix.ToString());
        }

        var listener = NewSocket(listen);
        try
        {
            listener.Bind(listen);
            listener.Listen(16);
            return new SocketRelay(listener, target) { Listening = listener.LocalEndPoint! };
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }

            _open.Clear();
        }

        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        if (_unixPath is not null)
        {
            try
            {
                File.Delete(_unixPath);
            }
            catch (IOException)
            {
            }
        }

        _stopping.Dispose();
    }

    private static Socket NewSocket(EndPoint endPoint)
    {
        if (endPoint is UnixDomainSocketEndPoint)
        {
            return new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        }

        return new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (accepted.AddressFamily != AddressFamily.Unix)
            {
                accepted.NoDelay = true;
            }

            _ = RelayAsync(accepted);
        }
    }

    private async Task RelayAsync(Socket accepted)
    {
        var target = NewSocket(_target);
        Track(accepted, target);
        try
        {
            // Nothing listens yet (the kernel is starting): closing makes the peer's ZeroMQ reconnect shortly.
            await target.ConnectAsync(_target, _stopping.Token).ConfigureAwait(false);
            await PipeAsync(accepted, target, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(accepted);
                _open.Remove(target);
            }

            accepted.Dispose();
            target.Dispose();
        }
    }

    private void Track(Socket accepted, Socket target)
    {
        lock (_gate)
        {
            _open.Add(accepted);
            _open.Add(target);
        }
    }

    /// <summary>
    /// Copies bytes both ways between two connected sockets until both ways have ended. The end of one way is passed on
    /// (a shutdown of sending, so the peer reads to the end rather than seeing a reset) and the other way goes on until
    /// it ends too, as a TCP proxy does; a socket error or <paramref name="cancellationToken"/> ends both.
    /// </summary>
    public static async Task PipeAsync(Socket a, Socket b, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(CopyAsync(a, b, failed), CopyAsync(b, a, failed)).ConfigureAwait(false);
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationTokenSource failed)
    {
        var buffer = new byte[BufferBytes];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, failed.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, failed.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A reset or a stop ends the other way as well.
            try
            {
                await failed.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
