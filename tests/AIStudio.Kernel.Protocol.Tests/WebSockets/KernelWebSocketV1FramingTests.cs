using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Wire;
using AIStudio.Kernel.Protocol.WebSockets;

namespace AIStudio.Kernel.Protocol.Tests.WebSockets;

public sealed class KernelWebSocketV1FramingTests
{
    private static readonly byte[] Header = """{"msg_id":"m1","session":"s1","msg_type":"kernel_info_request"}"""u8.ToArray();

    private static readonly byte[][] Parts = [Header, "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), [0x00, 0xFF]];

    // Produced by a transcription of jupyter_server's serialize_msg_to_ws_v1 (services/kernels/connection/base.py) run
    // with Debian's python3 on channel "shell" and the parts above: little-endian uint64 offset count (7), the seven
    // offsets (64, 69, 132, 134, 136, 138, 140), then the channel and the parts.
    private static readonly byte[] Vector = Convert.FromHexString(
        "0700000000000000" +
        "4000000000000000" + "4500000000000000" + "8400000000000000" + "8600000000000000" +
        "8800000000000000" + "8a00000000000000" + "8c00000000000000" +
        "7368656c6c" +
        "7b226d73675f6964223a226d31222c2273657373696f6e223a227331222c226d73675f74797065223a226b65726e656c5f696e666f5f72657175657374227d" +
        "7b7d" + "7b7d" + "7b7d" + "00ff");

    [Fact]
    public void Serialize_is_byte_identical_to_jupyter_server()
    {
        Assert.Equal(Vector, KernelWebSocketV1Framing.Serialize(Channels.Shell, Parts));
    }

    [Fact]
    public void Deserialize_reads_jupyter_servers_frame()
    {
        var (channel, parts) = KernelWebSocketV1Framing.Deserialize(Vector);
        Assert.Equal("shell", channel);
        Assert.Equal(Parts, parts);
    }

    [Fact]
    public void Round_trip_keeps_empty_parts_and_a_utf8_channel()
    {
        byte[][] parts = [[], [1], [], Encoding.UTF8.GetBytes("{\"é\":\"✓\"}"), [], new byte[1000]];
        var frame = KernelWebSocketV1Framing.Serialize("iopub✓", parts);
        var (channel, back) = KernelWebSocketV1Framing.Deserialize(frame);
        Assert.Equal("iopub✓", channel);
        Assert.Equal(parts, back);
    }

    [Fact]
    public void A_frame_with_only_a_channel_has_no_parts()
    {
        var frame = KernelWebSocketV1Framing.Serialize("control", []);
        Assert.Equal(8 * 3 + "control".Length, frame.Length);
        var (channel, parts) = KernelWebSocketV1Framing.Deserialize(frame);
        Assert.Equal("control", channel);
        Assert.Empty(parts);
    }

    [Fact]
    public void A_message_travels_through_its_parts_unchanged()
    {
        var message = JupyterMessage.Create(
            MessageTypes.CommMsg,
            new CommMsg { CommId = "c", Data = JsonDocument.Parse("""{"x":[1,2]}""").RootElement },
            ProtocolJson.Default.CommMsg,
            "sess",
            "user",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var parts = MessageParts.From(message);
        byte[][] list = [parts.Header, parts.ParentHeader, parts.Metadata, parts.Content, [9, 9]];

        var (channel, back) = KernelWebSocketV1Framing.Deserialize(KernelWebSocketV1Framing.Serialize(Channels.IOPub, list));
        var decoded = new MessageParts { Header = back[0], ParentHeader = back[1], Metadata = back[2], Content = back[3], Buffers = back.Skip(4).ToArray() }
            .ToMessage(channel: channel);

        Assert.Equal(message.Header, decoded.Header);
        Assert.Equal("iopub", decoded.Channel);
        Assert.Equal("c", decoded.ContentAs(ProtocolJson.Default.CommMsg).CommId);
        Assert.Equal([[9, 9]], decoded.Buffers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Rejects_a_frame_shorter_than_its_count(int length)
    {
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketV1Framing.Deserialize(new byte[length]));
        Assert.Contains("shorter", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(18UL)]
    [InlineData(4097UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void Rejects_an_offset_count_the_frame_cannot_hold(ulong count)
    {
        var frame = (byte[])Vector.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(frame, count);
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketV1Framing.Deserialize(frame));
        Assert.Contains($"declares {count} offsets", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_offsets_out_of_order()
    {
        var frame = (byte[])Vector.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(8 * 3), 68); // third offset before the second (69)
        AssertOffsetRejected(frame, 2);
    }

    [Fact]
    public void Rejects_a_first_offset_inside_the_offset_table()
    {
        var frame = (byte[])Vector.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(8), 8);
        AssertOffsetRejected(frame, 0);
    }

    [Theory]
    [InlineData(141UL)]
    [InlineData(ulong.MaxValue)]
    public void Rejects_an_offset_past_the_end(ulong offset)
    {
        var frame = (byte[])Vector.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(8 * 7), offset);
        AssertOffsetRejected(frame, 6);
    }

    [Fact]
    public void Rejects_a_truncated_frame()
    {
        AssertOffsetRejected(Vector[..^1], 6);
    }

    private static void AssertOffsetRejected(byte[] frame, int index)
    {
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketV1Framing.Deserialize(frame));
        Assert.Contains($"Offset {index} ", e.Message, StringComparison.Ordinal);
    }
}
