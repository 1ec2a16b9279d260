using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AIStudio.Kernel.Protocol.Messages;

/// <summary>
/// One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers.
/// Metadata and content are kept as JSON elements; typed views come from <see cref="ContentAs{T}"/>.
/// </summary>
public sealed class JupyterMessage
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>ZeroMQ routing identities (ROUTER sockets) or the PUB topic, sent before the delimiter.</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];

    public required MessageHeader Header { get; init; }

    /// <summary>The header of the request this message answers; null for a message that has none.</summary>
    public MessageHeader? ParentHeader { get; init; }

    public JsonElement Metadata { get; init; } = EmptyObject;

    public JsonElement Content { get; init; } = EmptyObject;

    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary>The WebSocket channel name ("shell", "iopub", "stdin", "control") where a framing carries it.</summary>
    public string? Channel { get; init; }

    public string MessageType => Header.MessageType;

    /// <summary>An empty JSON object, the value of empty metadata or content.</summary>
    public static JsonElement Empty => EmptyObject;

    /// <summary>Reads the content as a typed record.</summary>
    public T ContentAs<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Content.Deserialize(typeInfo) ?? throw new JsonException($"The content of {MessageType} is null.");
    }

    /// <summary>Makes a new message with typed content.</summary>
    public static JupyterMessage Create<T>(
        string messageType,
        T content,
        JsonTypeInfo<T> typeInfo,
        string session,
        string username,
        DateTimeOffset now,
        MessageHeader? parent = null,
        IReadOnlyList<byte[]>? identities = null,
        JsonElement? metadata = null) => new()
        {
            Header = MessageHeader.Create(messageType, session, username, now),
            ParentHeader = parent,
            Content = JsonSerializer.SerializeToElement(content, typeInfo),
            Metadata = metadata ?? EmptyObject,
            Identities = identities ?? [],
        };
}
