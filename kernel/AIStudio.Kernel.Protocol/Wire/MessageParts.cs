using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Protocol.Wire;

/// <summary>
/// The four JSON parts of a message (header, parent header, metadata, content) as UTF-8 bytes, plus buffers:
/// the unit that is signed, sent over ZeroMQ and carried by the v1 WebSocket framing.
/// </summary>
public sealed class MessageParts
{
    private static readonly byte[] EmptyObjectBytes = "{}"u8.ToArray();

    public required byte[] Header { get; init; }

    public required byte[] ParentHeader { get; init; }

    public required byte[] Metadata { get; init; }

    public required byte[] Content { get; init; }

    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary>Serializes a message into its parts.</summary>
    public static MessageParts From(JupyterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageParts
        {
            Header = JsonSerializer.SerializeToUtf8Bytes(message.Header, ProtocolJson.Default.MessageHeader),
            ParentHeader = message.ParentHeader is null
                ? EmptyObjectBytes
                : JsonSerializer.SerializeToUtf8Bytes(message.ParentHeader, ProtocolJson.Default.MessageHeader),
            Metadata = ToBytes(message.Metadata),
            Content = ToBytes(message.Content),
            Buffers = message.Buffers,
        };
    }

    /// <summary>Parses the parts into a message; throws <see cref="ProtocolException"/> saying what is wrong.</summary>
    public JupyterMessage ToMessage(IReadOnlyList<byte[]>? identities = null, string? channel = null)
    {
        var header = ParseHeader(Header, "header")
            ?? throw new ProtocolException("The header is empty: a message needs msg_id, msg_type and session.");
        return new JupyterMessage
        {
            Identities = identities ?? [],
            Header = header,
            ParentHeader = ParseHeader(ParentHeader, "parent_header"),
            Metadata = ParseObject(Metadata, "metadata"),
            Content = ParseObject(Content, "content"),
            Buffers = Buffers,
            Channel = channel,
        };
    }

    private static byte[] ToBytes(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? EmptyObjectBytes : JsonSerializer.SerializeToUtf8Bytes(element, ProtocolJson.Default.JsonElement);

    private static JsonElement ParseObject(byte[] json, string part)
    {
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"The {part} is not valid JSON: {e.Message}", e);
        }

        return element.ValueKind == JsonValueKind.Object
            ? element
            : throw new ProtocolException($"The {part} must be a JSON object, not {element.ValueKind}.");
    }

    private static MessageHeader? ParseHeader(byte[] json, string part)
    {
        var element = ParseObject(json, part);
        if (!element.EnumerateObject().Any())
        {
            return null;
        }

        MessageHeader? header;
        try
        {
            header = element.Deserialize(ProtocolJson.Default.MessageHeader);
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"The {part} is not a Jupyter header: {e.Message}", e);
        }

        if (header is null || string.IsNullOrEmpty(header.MessageType) || string.IsNullOrEmpty(header.MessageId))
        {
            throw new ProtocolException($"The {part} lacks msg_id or msg_type.");
        }

        return header;
    }
}
