using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AIStudio.Hub.Egress;

/// <summary>
/// One kernel's listener of the <see cref="EgressProxy"/> and its open tunnels: reads each request's head, answers
/// <c>CONNECT</c> to an allowed feed with <c>200 Connection established</c> and then copies bytes both ways, and anything
/// else with a 403 (400 for a malformed request, 429 past the tunnel limit, 502 when the feed cannot be reached) whose
/// body says why. Disposing stops listening and closes every tunnel.
/// </summary>
public sealed partial class EgressTunnels : IAsyncDisposable
{
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly Socket _listener;
    private readonly EgressClient _client;
    private readonly PackageFeedAllowList _feeds;
    private readonly int _maxTunnels;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];
    private readonly string? _unixPath;
    private readonly Task _accepting;
    private int _tunnels;
    private int _disposed;

    private EgressTunnels(Socket listener, EgressClient client, PackageFeedAllowList feeds, int maxTunnels, ILogger logger)
    {
        _listener = listener;
        _client = client;
        _feeds = feeds;
        _maxTunnels = maxTunnels;
        _logger = logger;
        _unixPath = listener.LocalEndPoint is UnixDomainSocketEndPoint unix ? unix.ToString() : null;
        Listening = listener.LocalEndPoint!;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public EndPoint Listening { get; }

    /// <summary>Tunnels open now.</summary>
    public int OpenTunnels => Volatile.Read(ref _tunnels);

    internal static EgressTunnels Start(EndPoint endPoint, EgressClient client, PackageFeedAllowList feeds, int maxTunnels, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (endPoint is UnixDomainSocketEndPoint unix && File.Exists(unix.ToString()))
        {
            File.Delete(unix.ToString());
        }

        var listener = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(64);
            return new EgressTunnels(listener, client, feeds, maxTunnels, logger);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        int closed;
        lock (_gate)
        {
            closed = _open.Count;
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

        LogClosed(_logger, _client.KernelId, closed);
        _stopping.Dispose();
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

            _ = HandleAsync(accepted);
        }
    }

    private async Task HandleAsync(Socket accepted)
    {
        if (!Track(accepted))
        {
            accepted.Dispose();
            return;
        }

        var counted = false;
        Socket? upstream = null;
        try
        {
            using var stream = new NetworkStream(accepted, ownsSocket: false);
            ProxyRequestHead? head;
            using (var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                headTimeout.CancelAfter(HeadTimeout);
                try
                {
                    head = await ProxyRequestHead.ReadAsync(stream, headTimeout.Token).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    await RefuseAsync(stream, 400, "Bad Request", e.Message).ConfigureAwait(false);
                    return;
                }
            }

            if (head is null)
            {
                return;
            }

            var request = $"{head.Method} {head.Target}";
            if (!string.Equals(head.Method, "CONNECT", StringComparison.OrdinalIgnoreCase))
            {
                await RefuseLoggedAsync(stream, request, 403, "Forbidden",
                    $"Plain HTTP is refused: this kernel reaches only package feeds, over HTTPS (CONNECT host:443). Allowed: {_feeds}.").ConfigureAwait(false);
                return;
            }

            if (!head.TryGetAuthority(out var host, out var port))
            {
                await RefuseAsync(stream, 400, "Bad Request", $"'{head.Target}' is not host:port.").ConfigureAwait(false);
                return;
            }

            if (!_feeds.Allows(host, port))
            {
                await RefuseLoggedAsync(stream, request, 403, "Forbidden",
                    $"{host}:{port} is not a package feed. This kernel's plan gives it no network except package downloads; allowed: {_feeds}.").ConfigureAwait(false);
                return;
            }

            if (Interlocked.Increment(ref _tunnels) > _maxTunnels)
            {
                Interlocked.Decrement(ref _tunnels);
                await RefuseLoggedAsync(stream, request, 429, "Too Many Requests",
                    $"This kernel has {_maxTunnels} tunnels open already (the most it may): close some connections first.").ConfigureAwait(false);
                return;
            }

            counted = true;
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            connectTimeout.CancelAfter(ConnectTimeout);
            try
            {
                upstream = await ConnectAsync(host, port, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or EgressRefusedException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                var (status, reason) = e is EgressRefusedException ? (403, "Forbidden") : (502, "Bad Gateway");
                var message = e is OperationCanceledException ? $"{host}:{port} did not answer in {ConnectTimeout.TotalSeconds:0} s." : $"{host}:{port}: {e.Message}";
                await RefuseLoggedAsync(stream, request, status, reason, message).ConfigureAwait(false);
                return;
            }

            if (!Track(upstream))
            {
                return;
            }

            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stopping.Token).ConfigureAwait(false);
            if (!head.Rest.IsEmpty)
            {
                await upstream.SendAsync(head.Rest, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            }

            LogTunnel(_logger, _client.KernelId, _client.UserName, host, port);
            await AIStudio.Kernel.Protocol.Connection.SocketRelay.PipeAsync(accepted, upstream, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref _tunnels);
            }

            Untrack(accepted);
            accepted.Dispose();
            if (upstream is not null)
            {
                Untrack(upstream);
                upstream.Dispose();
            }
        }
    }

    /// <summary>
    /// A connection to the feed. Its name is resolved here, in the hub; an address of this machine or a link-local one
    /// (a cloud's metadata service) is refused whatever the name, so that a feed's DNS cannot point into the hub.
    /// </summary>
    private static async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var usable = addresses.Where(a => !IsInternal(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new EgressRefusedException(addresses.Length == 0 ? $"{host} has no address." : $"{host} resolves to an address of this machine or its link ({addresses[0]}).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork && (bytes[0] == 0 || (bytes[0] == 169 && bytes[1] == 254));
    }

    private async Task RefuseLoggedAsync(Stream stream, string request, int status, string reason, string message)
    {
        LogRefused(_logger, _client.KernelId, _client.UserName, request, status, message);
        await RefuseAsync(stream, status, reason, message).ConfigureAwait(false);
    }

    private async Task RefuseAsync(Stream stream, int status, string reason, string message)
    {
        var body = Encoding.UTF8.GetBytes("AI Studio egress proxy: " + message + "\n");
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, _stopping.Token).ConfigureAwait(false);
        await stream.WriteAsync(body, _stopping.Token).ConfigureAwait(false);
        await stream.FlushAsync(_stopping.Token).ConfigureAwait(false);
    }

    /// <summary>Tracks a socket for closing at dispose; false (nothing tracked) once disposing began.</summary>
    private bool Track(Socket socket)
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            _open.Add(socket);
            return true;
        }
    }

    private void Untrack(Socket socket)
    {
        lock (_gate)
        {
            _open.Remove(socket);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Egress refused for kernel {KernelId} of {User}: {Request} → {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string kernelId, string user, string request, int status, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Egress tunnel for kernel {KernelId} of {User} to {Host}:{Port}.")]
    private static partial void LogTunnel(ILogger logger, string kernelId, string user, string host, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Egress listener of kernel {KernelId} closed ({Open} connections open).")]
    private static partial void LogClosed(ILogger logger, string kernelId, int open);
}
