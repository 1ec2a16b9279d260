using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Protocol.WebSockets;

/// <summary>
/// The default (legacy) WebSocket framing of Jupyter Server: a text frame holding the message as one JSON object
/// with a "channel" key; a message with buffers travels as a binary frame — a big-endian uint32 count, uint32
/// offsets, the JSON, then the buffers.
/// </summary>
public static class KernelWebSocketJsonFraming
{
    private const int MaxBuffers = 4096;

    /// <summary>Serializes a message; <c>Binary</c> tells whether to send it as a binary frame.</summary>
    public static (bool Binary, byte[] Payload) Serialize(JupyterMessage message, string channel)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(channel);
        var json = WriteJson(message, channel);
        if (message.Buffers.Count == 0)
        {
            return (false, json);
        }

        var pieces = new List<byte[]>(message.Buffers.Count + 1) { json };
        pieces.AddRange(message.Buffers);
        var count = pieces.Count;
        var headerLength = 4 * (count + 1);
        var payload = new byte[headerLength + pieces.Sum(p => p.Length)];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)count);
        var position = headerLength;
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(4 * (i + 1))..], (uint)position);
            pieces[i].CopyTo(span[position..]);
            position += pieces[i].Length;
        }

        return (true, payload);
    }

    /// <summary>Parses a text or binary frame; throws <see cref="ProtocolException"/> on a malformed one.</summary>
    public static JupyterMessage Deserialize(ReadOnlySpan<byte> payload, bool binary)
    {
        var (channel, parts) = DeserializeParts(payload, binary);
        return parts.ToMessage(channel: channel);
    }

    /// <summary>
    /// A text or binary frame's channel and its message's parts as the client wrote them (what a relay passes on
    /// without parsing them into a message and writing them again); throws <see cref="ProtocolException"/> when the
    /// frame is not such a message. <see cref="Wire.MessageParts.ToMessage"/> checks the parts themselves.
    /// </summary>
    public static (string? Channel, Wire.MessageParts Parts) DeserializeParts(ReadOnlySpan<byte> payload, bool binary)
    {
        if (!binary)
        {
            return ReadJson(payload, []);
        }

        if (payload.Length < 4)
        {
            throw new ProtocolException("The binary WebSocket frame is shorter than its buffer count.");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(payload);
        if (count < 1 || count > MaxBuffers || 4L * (count + 1) > payload.Length)
        {
            throw new ProtocolException($"The binary WebSocket frame declares {count} pieces, which its {payload.Length} bytes cannot hold.");
        }

        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(payload[(4 * (i + 1))..]);
            var minimum = i == 0 ? 4 * (count + 1) : (uint)offsets[i - 1];
            if (offset > payload.Length || offset < minimum)
            {
                throw new ProtocolException($"Offset {i} of the binary WebSocket frame ({offset}) is out of order or past its end.");
            }

            offsets[i] = (int)offset;
        }

        offsets[count] = payload.Length;
        var buffers = new byte[count - 1][];
        for (var i = 1; i < count; i++)
        {
            buffers[i - 1] = payload[offsets[i]..offsets[i + 1]].ToArray();
        }

        return ReadJson(payload[offsets[0]..offsets[1]], buffers);
    }

    private static byte[] WriteJson(JupyterMessage message, string channel)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("header");
            JsonSerializer.Serialize(writer, message.Header, ProtocolJson.Default.MessageHeader);
            writer.WritePropertyName("msg_id");
            writer.WriteStringValue(message.Header.MessageId);
            writer.WritePropertyName("msg_type");
            writer.WriteStringValue(message.Header.MessageType);
            writer.WritePropertyName("parent_header");
            if (message.ParentHeader is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, message.ParentHeader, ProtocolJson.Default.MessageHeader);
            }

            writer.WritePropertyName("metadata");
            message.Metadata.WriteTo(writer);
            writer.WritePropertyName("content");
            message.Content.WriteTo(writer);
            writer.WriteString("channel", channel);
            writer.WritePropertyName("buffers");
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static (string? Channel, Wire.MessageParts Parts) ReadJson(ReadOnlySpan<byte> json, IReadOnlyList<byte[]> buffers)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"The WebSocket message is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ProtocolException("The WebSocket message must be a JSON object.");
            }

            string? channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return (channel, new Wire.MessageParts
            {
                Header = RawPart(root, "header", required: true),
                ParentHeader = RawPart(root, "parent_header", required: false),
                Metadata = RawPart(root, "metadata", required: false),
                Content = RawPart(root, "content", required: false),
                Buffers = buffers,
            });
        }
    }

    private static byte[] RawPart(JsonElement root, string name, bool required)
    {
        if (root.TryGetProperty(name, out var part) && part.ValueKind != JsonValueKind.Null)
        {
            return JsonMarshal.GetRawUtf8Value(part).ToArray();
        }

        return required ? throw new ProtocolException($"The WebSocket message has no {name}.") : "{}"u8.ToArray();
    }
}
