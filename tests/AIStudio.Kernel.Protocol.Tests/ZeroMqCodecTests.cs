using System.Text;
using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Wire;

namespace AIStudio.Kernel.Protocol.Tests;

public sealed class ZeroMqCodecTests
{
    private const string Key = "b1e6f0a2-55c4-4d8e-a3f7-0c9d8e7f6a5b";
    private const string ValidHeader = """{"msg_id":"m-1","session":"s-1","username":"u","date":"2025-01-02T03:04:05.123456Z","msg_type":"execute_request","version":"5.4"}""";

    private readonly ZeroMqCodec _codec = new(new MessageSigner(Key));

    [Fact]
    public void Encode_then_decode_keeps_identities_parts_and_buffers()
    {
        var message = SampleMessage();

        var frames = _codec.Encode(message);
        var decoded = _codec.Decode(frames, Channels.Shell);

        Assert.Equal(message.Identities, decoded.Identities);
        Assert.Equal(message.Header, decoded.Header);
        Assert.Equal(message.ParentHeader, decoded.ParentHeader);
        Assert.Equal(message.Metadata.GetRawText(), decoded.Metadata.GetRawText());
        Assert.Equal(new ExecuteRequest { Code = "1+1", Silent = true }, decoded.ContentAs(ProtocolJson.Default.ExecuteRequest));
        Assert.Equal(message.Buffers, decoded.Buffers);
        Assert.Equal(Channels.Shell, decoded.Channel);
        Assert.Equal(MessageTypes.ExecuteRequest, decoded.MessageType);
    }

    [Fact]
    public void Encode_lays_out_identities_delimiter_signature_parts_then_buffers()
    {
        var frames = _codec.Encode(SampleMessage());

        Assert.Equal(2 + 1 + 1 + 4 + 3, frames.Count);
        Assert.Equal("id-1"u8.ToArray(), frames[0]);
        Assert.Equal("id-2"u8.ToArray(), frames[1]);
        Assert.Equal("<IDS|MSG>"u8.ToArray(), frames[2]);
        var expected = new MessageSigner(Key).Sign(frames[4], frames[5], frames[6], frames[7]);
        Assert.Equal(expected, Encoding.ASCII.GetString(frames[3]));
        Assert.Equal(64, frames[3].Length);
        using var header = JsonDocument.Parse(frames[4]);
        Assert.Equal("m-1", header.RootElement.GetProperty("msg_id").GetString());
        Assert.Equal("{}", Encoding.UTF8.GetString(new ZeroMqCodec(new MessageSigner(Key)).Encode(SampleMessage(parent: false))[5]));
    }

    [Fact]
    public void Unsigned_codec_sends_an_empty_signature_and_accepts_any()
    {
        var codec = new ZeroMqCodec(new MessageSigner(""));
        var frames = codec.Encode(SampleMessage());
        Assert.Empty(frames[3]);

        frames[3] = "whatever"u8.ToArray();
        Assert.Equal("m-1", codec.Decode(frames).Header.MessageId);
    }

    [Fact]
    public void Decodes_frames_serialized_by_jupyter_client()
    {
        // jupyter_client 7.4.9 Session(key=..., username="alice", session="sess-1").serialize(msg, ident=[b"client-ident"])
        var codec = new ZeroMqCodec(new MessageSigner("5e2b7d44-3f0a-4c5e-9b1d-8a7c6e5f4d3c"));
        var message = codec.Decode(PythonFrames());

        Assert.Equal(["client-ident"u8.ToArray()], message.Identities);
        Assert.Equal(
            new MessageHeader { MessageId = "m-1", Session = "sess-1", Username = "alice", Date = "2025-01-02T03:04:05.123456Z", MessageType = "execute_request", Version = "5.3" },
            message.Header);
        Assert.Null(message.ParentHeader);
        Assert.Equal("c1", message.Metadata.GetProperty("cellId").GetString());
        var content = message.ContentAs(ProtocolJson.Default.ExecuteRequest);
        Assert.Equal("print('hi')", content.Code);
        Assert.True(content.StoreHistory);
        Assert.Empty(message.Buffers);
    }

    [Fact]
    public void Jupyter_client_frames_fail_with_another_key()
    {
        var e = Assert.Throws<ProtocolException>(() => _codec.Decode(PythonFrames()));
        Assert.Contains("signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_frames_without_delimiter()
    {
        var frames = _codec.Encode(SampleMessage());
        frames.RemoveAt(2);
        AssertRejected(frames, "delimiter");
    }

    [Fact]
    public void Rejects_too_few_frames_after_the_delimiter()
    {
        var frames = _codec.Encode(SampleMessage(buffers: false));
        frames.RemoveAt(frames.Count - 1);
        AssertRejected(frames, "Too few frames");
    }

    [Fact]
    public void Rejects_a_bad_signature()
    {
        var frames = _codec.Encode(SampleMessage());
        frames[7] = """{"code":"rm -rf /"}"""u8.ToArray();
        AssertRejected(frames, "signature does not match");
    }

    [Fact]
    public void Rejects_an_unsigned_message_when_a_key_is_set()
    {
        var frames = _codec.Encode(SampleMessage());
        frames[3] = [];
        AssertRejected(frames, "not signed");
    }

    [Theory]
    [InlineData("""{"msg_id":""", "{}", "{}", "{}", "header is not valid JSON")]
    [InlineData(ValidHeader, "{}", "{}", """{"code": """, "content is not valid JSON")]
    [InlineData(ValidHeader, "{}", "not json", "{}", "metadata is not valid JSON")]
    [InlineData(ValidHeader, "{}", "{}", "[1,2]", "content must be a JSON object")]
    [InlineData(ValidHeader, "{}", "[]", "{}", "metadata must be a JSON object")]
    [InlineData(ValidHeader, "[]", "{}", "{}", "parent_header must be a JSON object")]
    [InlineData("\"text\"", "{}", "{}", "{}", "header must be a JSON object")]
    [InlineData("""{"msg_id":"m","session":"s"}""", "{}", "{}", "{}", "msg_type")]
    [InlineData("""{"msg_id":"m","session":"s","msg_type":""}""", "{}", "{}", "{}", "msg_type")]
    [InlineData("""{"msg_id":"m","session":"s","msg_type":7}""", "{}", "{}", "{}", "not a Jupyter header")]
    [InlineData("{}", "{}", "{}", "{}", "header is empty")]
    [InlineData(ValidHeader, """{"session":"s","msg_type":"x"}""", "{}", "{}", "parent_header")]
    public void Rejects_malformed_parts_that_are_correctly_signed(string header, string parent, string metadata, string content, string reason)
    {
        var signer = new MessageSigner(Key);
        var parts = new[] { header, parent, metadata, content }.Select(Encoding.UTF8.GetBytes).ToArray();
        var signature = signer.Sign(parts[0], parts[1], parts[2], parts[3]);
        List<byte[]> frames = [ZeroMqCodec.Delimiter.ToArray(), Encoding.ASCII.GetBytes(signature), .. parts];

        AssertRejected(frames, reason);
    }

    private void AssertRejected(List<byte[]> frames, string reason)
    {
        var e = Assert.Throws<ProtocolException>(() => _codec.Decode(frames));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    private static List<byte[]> PythonFrames() =>
    [
        "client-ident"u8.ToArray(),
        "<IDS|MSG>"u8.ToArray(),
        "e24e457b4cf8b3c5d8af500af199be609e1dd3bb351f12fc2d15c9aa7af00de8"u8.ToArray(),
        """{"msg_id": "m-1", "session": "sess-1", "username": "alice", "date": "2025-01-02T03:04:05.123456Z", "msg_type": "execute_request", "version": "5.3"}"""u8.ToArray(),
        "{}"u8.ToArray(),
        """{"cellId": "c1"}"""u8.ToArray(),
        """{"code": "print('hi')", "silent": false, "store_history": true, "user_expressions": {}, "allow_stdin": true, "stop_on_error": true}"""u8.ToArray(),
    ];

    private static JupyterMessage SampleMessage(bool parent = true, bool buffers = true) => new()
    {
        Identities = ["id-1"u8.ToArray(), "id-2"u8.ToArray()],
        Header = new MessageHeader
        {
            MessageId = "m-1",
            Session = "s-1",
            Username = "alice",
            Date = "2025-01-02T03:04:05.123456Z",
            MessageType = MessageTypes.ExecuteRequest,
        },
        ParentHeader = parent
            ? new MessageHeader { MessageId = "p-1", Session = "s-0", Username = "bob", Date = "2025-01-02T03:04:04.000000Z", MessageType = MessageTypes.KernelInfoRequest }
            : null,
        Metadata = JsonDocument.Parse("""{"cellId":"c1","deletedCells":[]}""").RootElement.Clone(),
        Content = JsonSerializer.SerializeToElement(new ExecuteRequest { Code = "1+1", Silent = true }, ProtocolJson.Default.ExecuteRequest),
        Buffers = buffers ? [[0, 1, 2], [], [255]] : [],
    };
}
