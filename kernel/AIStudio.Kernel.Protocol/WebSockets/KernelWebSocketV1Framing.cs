using System.Buffers.Binary;
using System.Text;

namespace AIStudio.Kernel.Protocol.WebSockets;

/// <summary>
/// The <c>v1.kernel.websocket.jupyter.org</c> WebSocket framing of Jupyter Server: one binary frame holding
/// a little-endian uint64 count of offsets, the offsets, the channel name, then header, parent_header, metadata,
/// content and buffers as raw bytes. Parts pass through unparsed, so a hub relays them to ZeroMQ as they are.
/// </summary>
public static class KernelWebSocketV1Framing
{
    public const string SubProtocol = "v1.kernel.websocket.jupyter.org";

    /// <summary>Refuses frames claiming absurd offset counts before allocating anything.</summary>
    private const int MaxParts = 4096;

    /// <summary>Builds one binary frame from a channel name and its parts (header, parent, metadata, content, buffers…).</summary>
    public static byte[] Serialize(string channel, IReadOnlyList<byte[]> parts)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(parts);
        var channelBytes = Encoding.UTF8.GetBytes(channel);
        var offsetCount = parts.Count + 2;
        long position = 8L * (offsetCount + 1);
        var total = position + channelBytes.Length + parts.Sum(p => (long)p.Length);
        var frame = new byte[total];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)offsetCount);

        var offsets = new long[offsetCount];
        offsets[0] = position;
        channelBytes.CopyTo(span[(int)position..]);
        position += channelBytes.Length;
        offsets[1] = position;
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].CopyTo(span[(int)position..]);
            position += parts[i].Length;
            offsets[i + 2] = position;
        }

        for (var i = 0; i < offsetCount; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[(8 * (i + 1))..], (ulong)offsets[i]);
        }

        return frame;
    }

    /// <summary>Splits a binary frame into its channel and parts; throws <see cref="ProtocolException"/> on a malformed frame.</summary>
    public static (string Channel, IReadOnlyList<byte[]> Parts) Deserialize(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 8)
        {
            throw new ProtocolException("The v1 WebSocket frame is shorter than its offset count.");
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(frame);
        if (count < 2 || count > MaxParts || (long)(8 * (count + 1)) > frame.Length)
        {
            throw new ProtocolException($"The v1 WebSocket frame declares {count} offsets, which its {frame.Length} bytes cannot hold.");
        }

        var offsets = new long[count];
        for (var i = 0; i < (int)count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(frame[(8 * (i + 1))..]);
            var previous = i == 0 ? 8 * ((long)count + 1) : offsets[i - 1];
            if (offset > (ulong)frame.Length || (long)offset < previous)
            {
                throw new ProtocolException($"Offset {i} of the v1 WebSocket frame ({offset}) is out of order or past its end.");
            }

            offsets[i] = (long)offset;
        }

        var channel = Encoding.UTF8.GetString(frame[(int)offsets[0]..(int)offsets[1]]);
        var parts = new byte[count - 2][];
        for (var i = 1; i < (int)count - 1; i++)
        {
            parts[i - 1] = frame[(int)offsets[i]..(int)offsets[i + 1]].ToArray();
        }

        return (channel, parts);
    }
}
