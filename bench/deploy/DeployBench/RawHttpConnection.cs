using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends the same prepared request again and again and reads each answer whole,
/// as wrk and wrk2 do: the request's bytes are made once, the answer is read into one buffer, nothing is allocated per
/// request. The load generator then costs the machine (two cores, shared with the server under test) little, and has no
/// garbage collections of its own to charge to the server. Answers must give a Content-Length (Kestrel's do for a body
/// written whole); a chunked answer is an error, as is a closed connection.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "\r\ncontent-length:"u8.ToArray();
    private readonly Socket _socket;
    private readonly byte[] _request;
    private byte[] _buffer = new byte[16 * 1024];

    private RawHttpConnection(Socket socket, byte[] request)
    {
        _socket = socket;
        _request = request;
    }

    /// <summary>The status code of the last answer.</summary>
    public int Status { get; private set; }

    /// <summary>The body of the last answer (valid until the next request).</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    public static async Task<RawHttpConnection> OpenAsync(Uri url, string authorization, string contentType, byte[] body)
    {
        var head = $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: {authorization}\r\n"
            + $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n";
        var request = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
        var written = Encoding.ASCII.GetBytes(head, request);
        body.CopyTo(request, written);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(url.Host, url.Port).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawHttpConnection(socket, request);
    }

    /// <summary>Sends the request and reads the whole answer; true for a 2xx status.</summary>
    public async Task<bool> SendAsync()
    {
        for (var sent = 0; sent < _request.Length;)
        {
            sent += await _socket.SendAsync(_request.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
        }

        var filled = 0;
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(0, filled).IndexOf(HeaderEnd)) < 0)
        {
            filled += await ReceiveAsync(filled).ConfigureAwait(false);
        }

        var header = _buffer.AsSpan(0, headerEnd);
        if (header.Length < 12 || !header.StartsWith("HTTP/1.1 "u8) || !Utf8Parser.TryParse(header.Slice(9, 3), out int status, out _))
        {
            throw new InvalidDataException($"Not an HTTP/1.1 answer: {Encoding.ASCII.GetString(header[..Math.Min(header.Length, 80)])}");
        }

        var length = ReadContentLength(header);
        var total = headerEnd + HeaderEnd.Length + length;
        if (total > _buffer.Length)
        {
            Array.Resize(ref _buffer, total);
        }

        while (filled < total)
        {
            filled += await ReceiveAsync(filled).ConfigureAwait(false);
        }

        if (filled > total)
        {
            throw new InvalidDataException("More bytes came than the answer's Content-Length: the server sent what was not asked for.");
        }

        Status = status;
        Body = _buffer.AsMemory(headerEnd + HeaderEnd.Length, length);
        return status is >= 200 and < 300;
    }

    private async ValueTask<int> ReceiveAsync(int filled)
    {
        if (filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
        return received > 0 ? received : throw new IOException("The server closed the connection.");
    }

    private static int ReadContentLength(ReadOnlySpan<byte> header)
    {
        // Header names are case-insensitive: compare against the lower-case name, ASCII letters folded.
        for (var at = 0; at + ContentLength.Length <= header.Length; at++)
        {
            if (header[at] == '\r' && LowerEquals(header.Slice(at, ContentLength.Length), ContentLength))
            {
                var value = header[(at + ContentLength.Length)..];
                var end = value.IndexOf((byte)'\r');
                value = (end < 0 ? value : value[..end]).Trim((byte)' ');
                return Utf8Parser.TryParse(value, out int length, out var used) && used == value.Length && length >= 0
                    ? length
                    : throw new InvalidDataException("The answer's Content-Length is not a number.");
            }
        }

        throw new InvalidDataException("The answer has no Content-Length (a chunked answer is not read by this load generator).");
    }

    private static bool LowerEquals(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            var c = text[i];
            if ((c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _socket.Dispose();
}
