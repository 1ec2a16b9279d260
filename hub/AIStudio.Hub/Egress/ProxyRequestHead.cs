using System.Globalization;
using System.Text;

namespace AIStudio.Hub.Egress;

/// <summary>
/// The head of a request to the egress proxy: its method and target (<c>CONNECT api.nuget.org:443 HTTP/1.1</c>), read up
/// to the blank line, and whatever bytes came after it (the start of the tunnel).
/// </summary>
internal sealed record ProxyRequestHead(string Method, string Target, ReadOnlyMemory<byte> Rest)
{
    /// <summary>The longest head read; a longer one is refused.</summary>
    public const int MaxBytes = 8 * 1024;

    private static readonly byte[] End = "\r\n\r\n"u8.ToArray();

    /// <summary>The head from the stream; null when the client closed first or sent no request line.</summary>
    public static async Task<ProxyRequestHead?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            var searchFrom = Math.Max(0, length - End.Length + 1);
            length += read;
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf(End);
            if (end >= 0)
            {
                var headLength = searchFrom + end;
                var line = Encoding.Latin1.GetString(buffer, 0, headLength).Split("\r\n", 2)[0];
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length == 3 && parts[2].StartsWith("HTTP/", StringComparison.Ordinal)
                    ? new ProxyRequestHead(parts[0], parts[1], buffer.AsMemory(headLength + End.Length, length - headLength - End.Length))
                    : null;
            }
        }

        throw new InvalidDataException($"The request's head is longer than {MaxBytes} bytes.");
    }

    /// <summary>A CONNECT target's host and port (<c>host:port</c> or <c>[v6]:port</c>); false when it is not one.</summary>
    public bool TryGetAuthority(out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = Target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = Target[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
