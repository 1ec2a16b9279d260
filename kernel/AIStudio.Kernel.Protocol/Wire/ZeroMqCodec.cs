using System.Text;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Protocol.Wire;

/// <summary>
/// The ZeroMQ multipart form of a Jupyter message:
/// identities…, "&lt;IDS|MSG&gt;", HMAC signature, header, parent_header, metadata, content, buffers….
/// </summary>
public sealed class ZeroMqCodec(MessageSigner signer)
{
    /// <summary>The frame that separates routing identities from the message.</summary>
    public static ReadOnlySpan<byte> Delimiter => "<IDS|MSG>"u8;

    private static readonly byte[] DelimiterBytes = Delimiter.ToArray();

    public MessageSigner Signer { get; } = signer ?? throw new ArgumentNullException(nameof(signer));

    /// <summary>Encodes a message into the frames to send, signing it.</summary>
    public List<byte[]> Encode(JupyterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Encode(MessageParts.From(message), message.Identities);
    }

    /// <summary>Encodes parts (already serialized) into frames, signing them.</summary>
    public List<byte[]> Encode(MessageParts parts, IReadOnlyList<byte[]> identities)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(identities);
        var signature = Signer.Sign(parts.Header, parts.ParentHeader, parts.Metadata, parts.Content);
        var frames = new List<byte[]>(identities.Count + 6 + parts.Buffers.Count);
        frames.AddRange(identities);
        frames.Add(DelimiterBytes);
        frames.Add(Encoding.ASCII.GetBytes(signature));
        frames.Add(parts.Header);
        frames.Add(parts.ParentHeader);
        frames.Add(parts.Metadata);
        frames.Add(parts.Content);
        frames.AddRange(parts.Buffers);
        return frames;
    }

    /// <summary>
    /// Splits frames into identities and verified parts. Throws <see cref="ProtocolException"/> when the delimiter
    /// or a part is missing, or the signature does not match.
    /// </summary>
    public (IReadOnlyList<byte[]> Identities, MessageParts Parts) DecodeParts(IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0)
        {
            throw new ProtocolException("No <IDS|MSG> delimiter frame: not a Jupyter message.");
        }

        if (frames.Count - delimiter - 1 < 5)
        {
            throw new ProtocolException($"Too few frames after the delimiter ({frames.Count - delimiter - 1}); a message needs a signature and four JSON parts.");
        }

        var signature = frames[delimiter + 1];
        var parts = new MessageParts
        {
            Header = frames[delimiter + 2],
            ParentHeader = frames[delimiter + 3],
            Metadata = frames[delimiter + 4],
            Content = frames[delimiter + 5],
            Buffers = frames.Skip(delimiter + 6).ToArray(),
        };

        if (!Signer.Verify(signature, parts.Header, parts.ParentHeader, parts.Metadata, parts.Content))
        {
            throw new ProtocolException(signature.Length == 0 ? "The message is not signed." : "The message signature does not match: wrong key or tampered message.");
        }

        return (frames.Take(delimiter).ToArray(), parts);
    }

    /// <summary>Decodes and verifies frames into a message.</summary>
    public JupyterMessage Decode(IReadOnlyList<byte[]> frames, string? channel = null)
    {
        var (identities, parts) = DecodeParts(frames);
        return parts.ToMessage(identities, channel);
    }
}
