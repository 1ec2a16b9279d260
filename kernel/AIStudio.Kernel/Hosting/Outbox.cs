using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Wire;

namespace AIStudio.Kernel.Hosting;

/// <summary>
/// Everything the kernel sends goes through here: messages are encoded and signed on the caller's thread and
/// handed to the socket thread, which alone touches the sockets (NetMQ sockets are not thread-safe).
/// </summary>
internal sealed class Outbox(ZeroMqCodec codec, string session, string username, TimeProvider time, Action<ChannelKind, List<byte[]>> enqueue)
{
    public string Session { get; } = session;

    public TimeProvider Time { get; } = time;

    /// <summary>Sends a reply to a request on the channel it came from, with the request's identities.</summary>
    public void Reply<T>(ChannelKind channel, JupyterMessage request, string messageType, T content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, System.Text.Json.JsonElement? metadata = null)
    {
        var message = JupyterMessage.Create(messageType, content, typeInfo, Session, username, Time.GetUtcNow(), request.Header, request.Identities, metadata);
        enqueue(channel, codec.Encode(message));
    }

    /// <summary>Publishes on iopub with the parent request's header (null for none, as for "starting").</summary>
    public void Publish<T>(string messageType, T content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, MessageHeader? parent) =>
        enqueue(ChannelKind.IOPub, Encode(messageType, content, typeInfo, parent));

    /// <summary>Encodes an iopub message (topic kernel.{session}.{msg_type}); the socket thread sends "starting" itself.</summary>
    public List<byte[]> Encode<T>(string messageType, T content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, MessageHeader? parent = null)
    {
        var topic = System.Text.Encoding.UTF8.GetBytes($"kernel.{Session}.{messageType}");
        return codec.Encode(JupyterMessage.Create(messageType, content, typeInfo, Session, username, Time.GetUtcNow(), parent, [topic]));
    }

    /// <summary>Sends a request from the kernel (input_request) on stdin to the front-end that owns <paramref name="parent"/>.</summary>
    public string SendStdinRequest<T>(JupyterMessage parent, string messageType, T content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var message = JupyterMessage.Create(messageType, content, typeInfo, Session, username, Time.GetUtcNow(), parent.Header, parent.Identities);
        enqueue(ChannelKind.Stdin, codec.Encode(message));
        return message.Header.MessageId;
    }
}
