using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.WebSockets;

namespace AIStudio.Kernel.Protocol.Tests.WebSockets;

public sealed class KernelWebSocketJsonFramingTests
{
    private static readonly MessageHeader CommHeader = new()
    {
        MessageId = "m-2",
        Session = "s-2",
        Username = "kernel",
        Date = "2025-01-02T03:04:05.123456Z",
        MessageType = MessageTypes.CommMsg,
    };

    // The JSON this framing writes for the comm_msg below: jupyter_server's keys (as Session.deserialize gives them)
    // plus "channel"; in a binary frame the buffers travel after the JSON and "buffers" stays an empty array.
    private const string CommJson =
        """{"header":{"msg_id":"m-2","session":"s-2","username":"kernel","date":"2025-01-02T03:04:05.123456Z","msg_type":"comm_msg","version":"5.4"},"msg_id":"m-2","msg_type":"comm_msg","parent_header":{},"metadata":{},"content":{"comm_id":"c-1","data":{"x":1}},"channel":"iopub","buffers":[]}""";

    // A transcription of jupyter_server's serialize_binary_message run with Debian's python3 (json.dumps with its default
    // separators, "buffers" popped from the message): big-endian uint32 count 3, offsets 16, 313, 316, JSON, buffers.
    private const string ServerJson =
        """{"header": {"msg_id": "m-2", "session": "s-2", "username": "kernel", "date": "2025-01-02T03:04:05.123456Z", "msg_type": "comm_msg", "version": "5.4"}, "msg_id": "m-2", "msg_type": "comm_msg", "parent_header": {}, "metadata": {}, "content": {"comm_id": "c-1", "data": {"x": 1}}, "channel": "iopub"}""";

    private static readonly byte[] ServerVector =
        [.. Convert.FromHexString("00000003" + "00000010" + "00000139" + "0000013c"), .. Encoding.UTF8.GetBytes(ServerJson), 1, 2, 3, .. "xyz"u8];

    // The same algorithm applied to CommJson (offsets 16, 298, 301).
    private static readonly byte[] OurVector =
        [.. Convert.FromHexString("00000003" + "00000010" + "0000012a" + "0000012d"), .. Encoding.UTF8.GetBytes(CommJson), 1, 2, 3, .. "xyz"u8];

    [Fact]
    public void Text_frame_holds_the_message_as_jupyter_server_sends_it()
    {
        var (binary, payload) = KernelWebSocketJsonFraming.Serialize(CommMessage(buffers: false), Channels.IOPub);

        Assert.False(binary);
        Assert.Equal(CommJson, Encoding.UTF8.GetString(payload));
        using var document = JsonDocument.Parse(payload);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["header", "msg_id", "msg_type", "parent_header", "metadata", "content", "channel", "buffers"], names);
    }

    [Fact]
    public void Text_round_trip_keeps_the_message()
    {
        var parent = CommHeader with { MessageId = "p-1", MessageType = MessageTypes.ExecuteRequest };
        var message = new JupyterMessage
        {
            Header = CommHeader,
            ParentHeader = parent,
            Metadata = JsonDocument.Parse("""{"k":[true,null]}""").RootElement,
            Content = CommMessage(buffers: false).Content,
        };

        var (binary, payload) = KernelWebSocketJsonFraming.Serialize(message, Channels.Shell);
        var back = KernelWebSocketJsonFraming.Deserialize(payload, binary);

        Assert.Equal(CommHeader, back.Header);
        Assert.Equal(parent, back.ParentHeader);
        Assert.Equal("""{"k":[true,null]}""", back.Metadata.GetRawText());
        Assert.Equal("c-1", back.ContentAs(ProtocolJson.Default.CommMsg).CommId);
        Assert.Equal("shell", back.Channel);
        Assert.Empty(back.Buffers);
    }

    [Fact]
    public void Reads_a_text_frame_as_jupyterlab_sends_it()
    {
        // @jupyterlab/services (default protocol): JSON.stringify of the message, parent_header {} and buffers [].
        const string Json = """{"header":{"date":"2025-01-02T03:04:05.123Z","msg_id":"c0ffee","msg_type":"execute_request","session":"4e1d","username":"","version":"5.2"},"parent_header":{},"metadata":{"cellId":"x"},"content":{"code":"1+1","silent":false,"store_history":true,"user_expressions":{},"allow_stdin":true,"stop_on_error":true},"channel":"shell","buffers":[]}""";
        var message = KernelWebSocketJsonFraming.Deserialize(Encoding.UTF8.GetBytes(Json), binary: false);

        Assert.Equal("execute_request", message.MessageType);
        Assert.Equal("c0ffee", message.Header.MessageId);
        Assert.Null(message.ParentHeader);
        Assert.Equal("shell", message.Channel);
        Assert.Equal("1+1", message.ContentAs(ProtocolJson.Default.ExecuteRequest).Code);
    }

    [Fact]
    public void Parts_of_a_frame_are_the_bytes_the_client_wrote()
    {
        // What the hub relays: each part exactly as the client wrote it (its spacing, key order and fields this
        // library does not model), not parsed and written again; the buffers of a binary frame follow.
        const string Header = """{ "msg_type": "comm_msg", "msg_id": "c0ffee", "session": "4e1d", "subshell_id": null, "x-extra": [1, 2] }""";
        const string Content = """{"comm_id": "c-1", "data": {"π": 3.14159265358979323846}}""";
        var json = $$"""{"channel": "shell", "header": {{Header}}, "parent_header": {}, "metadata": {"cellId": "x"}, "content": {{Content}}}""";
        var jsonBytes = Encoding.UTF8.GetBytes(json);
        byte[] frame = [.. Convert.FromHexString("00000002" + "0000000c"), .. BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(12 + jsonBytes.Length)), .. jsonBytes, 7, 8, 9];

        var (channel, parts) = KernelWebSocketJsonFraming.DeserializeParts(frame, binary: true);

        Assert.Equal("shell", channel);
        Assert.Equal(Header, Encoding.UTF8.GetString(parts.Header));
        Assert.Equal(Content, Encoding.UTF8.GetString(parts.Content));
        Assert.Equal("""{"cellId": "x"}""", Encoding.UTF8.GetString(parts.Metadata));
        Assert.Equal("{}", Encoding.UTF8.GetString(parts.ParentHeader));
        Assert.Equal([7, 8, 9], Assert.Single(parts.Buffers));
        Assert.Equal("comm_msg", parts.ToMessage(channel: channel).MessageType);
    }

    [Fact]
    public void Missing_optional_parts_read_as_empty_objects()
    {
        var message = KernelWebSocketJsonFraming.Deserialize(
            """{"header":{"msg_id":"m","session":"s","msg_type":"kernel_info_request"},"parent_header":null}"""u8, binary: false);
        Assert.Null(message.ParentHeader);
        Assert.Equal(JsonValueKind.Object, message.Content.ValueKind);
        Assert.Empty(message.Content.EnumerateObject());
        Assert.Empty(message.Metadata.EnumerateObject());
        Assert.Null(message.Channel);
    }

    [Fact]
    public void Binary_frame_is_byte_identical_to_the_jupyter_server_algorithm()
    {
        var (binary, payload) = KernelWebSocketJsonFraming.Serialize(CommMessage(buffers: true), Channels.IOPub);
        Assert.True(binary);
        Assert.Equal(OurVector, payload);
    }

    [Fact]
    public void Reads_a_binary_frame_made_by_jupyter_server()
    {
        var message = KernelWebSocketJsonFraming.Deserialize(ServerVector, binary: true);

        Assert.Equal(CommHeader, message.Header);
        Assert.Null(message.ParentHeader);
        Assert.Equal("iopub", message.Channel);
        Assert.Equal(1, message.ContentAs(ProtocolJson.Default.CommMsg).Data.GetProperty("x").GetInt32());
        Assert.Equal([[1, 2, 3], "xyz"u8.ToArray()], message.Buffers);
    }

    [Fact]
    public void Binary_round_trip_keeps_empty_and_large_buffers()
    {
        var big = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var message = CommMessage(buffers: false);
        message = new JupyterMessage { Header = message.Header, Content = message.Content, Buffers = [[], big, [7]] };

        var (binary, payload) = KernelWebSocketJsonFraming.Serialize(message, Channels.Shell);
        var back = KernelWebSocketJsonFraming.Deserialize(payload, binary);

        Assert.True(binary);
        Assert.Equal(message.Buffers, back.Buffers);
        Assert.Equal(CommHeader, back.Header);
        Assert.Equal("shell", back.Channel);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"header\":", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{}", "no header")]
    [InlineData("{\"header\":null}", "no header")]
    [InlineData("{\"header\":{\"msg_id\":\"m\",\"session\":\"s\"}}", "msg_type")]
    [InlineData("{\"header\":{\"msg_id\":\"m\",\"session\":\"s\",\"msg_type\":\"t\"},\"content\":[1]}", "content must be a JSON object")]
    [InlineData("{\"header\":{\"msg_id\":\"m\",\"session\":\"s\",\"msg_type\":\"t\"},\"metadata\":\"x\"}", "metadata must be a JSON object")]
    public void Rejects_malformed_text(string text, string reason)
    {
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketJsonFraming.Deserialize(Encoding.UTF8.GetBytes(text), binary: false));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Rejects_a_binary_frame_shorter_than_its_count(int length)
    {
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketJsonFraming.Deserialize(new byte[length], binary: true));
        Assert.Contains("shorter", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0U)]
    [InlineData(4097U)]
    [InlineData(100U)]
    [InlineData(uint.MaxValue)]
    public void Rejects_a_binary_count_the_frame_cannot_hold(uint count)
    {
        var frame = (byte[])ServerVector.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(frame, count);
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketJsonFraming.Deserialize(frame, binary: true));
        Assert.Contains($"declares {count} pieces", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 12U)]   // the JSON would start inside the offset table
    [InlineData(2, 15U)]   // before the first offset (16)
    [InlineData(3, 312U)]  // before the second offset (313)
    [InlineData(3, 323U)]  // past the end (322 bytes)
    [InlineData(3, uint.MaxValue)]
    public void Rejects_binary_offsets_out_of_order_or_past_the_end(int slot, uint offset)
    {
        var frame = (byte[])ServerVector.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4 * slot), offset);
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketJsonFraming.Deserialize(frame, binary: true));
        Assert.Contains($"Offset {slot - 1} ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_binary_frame_whose_json_is_broken()
    {
        var frame = (byte[])ServerVector.Clone();
        frame[16] = (byte)'[';
        var e = Assert.Throws<ProtocolException>(() => KernelWebSocketJsonFraming.Deserialize(frame, binary: true));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    private static JupyterMessage CommMessage(bool buffers) => new()
    {
        Header = CommHeader,
        Content = JsonSerializer.SerializeToElement(
            new CommMsg { CommId = "c-1", Data = JsonDocument.Parse("""{"x":1}""").RootElement },
            ProtocolJson.Default.CommMsg),
        Buffers = buffers ? [[1, 2, 3], "xyz"u8.ToArray()] : [],
    };
}
