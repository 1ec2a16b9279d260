using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Protocol.Tests;

public sealed class MessageHeaderTests
{
    [Fact]
    public void FormatDate_writes_iso_8601_with_microseconds_and_z()
    {
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567);
        Assert.Equal("2025-01-02T03:04:05.123456Z", MessageHeader.FormatDate(time));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(9_999_999L)]
    [InlineData(638_700_000_000_000_001L)]
    [InlineData(639_000_000_123_456_789L)]
    [InlineData(3_155_378_975_999_999_999L)] // DateTime.MaxValue
    public void FormatDate_gives_the_text_of_the_jupyter_pattern_for_any_time(long ticks)
    {
        // The pattern Jupyter's dates follow, written out: microseconds truncated, not rounded.
        var time = new DateTimeOffset(ticks, TimeSpan.Zero);
        var expected = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, MessageHeader.FormatDate(time));
        Assert.Equal(27, MessageHeader.FormatDate(time).Length);
    }

    [Fact]
    public void FormatDate_converts_other_offsets_to_utc()
    {
        var time = new DateTimeOffset(2025, 1, 1, 1, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("2024-12-31T23:30:00.000000Z", MessageHeader.FormatDate(time));
    }

    [Fact]
    public void Create_fills_the_header_from_its_arguments()
    {
        var header = MessageHeader.Create(MessageTypes.Status, "sess", "kernel", new DateTimeOffset(2030, 6, 7, 8, 9, 10, 11, TimeSpan.Zero));

        Assert.Equal("status", header.MessageType);
        Assert.Equal("sess", header.Session);
        Assert.Equal("kernel", header.Username);
        Assert.Equal("2030-06-07T08:09:10.011000Z", header.Date);
        Assert.Equal("5.4", header.Version);
        Assert.Matches("^[0-9a-f]{32}$", header.MessageId);
        Assert.NotEqual(header.MessageId, MessageHeader.Create(MessageTypes.Status, "sess", "kernel", default).MessageId);
    }

    [Fact]
    public void Header_json_uses_the_jupyter_names()
    {
        var header = new MessageHeader { MessageId = "m", Session = "s", Username = "u", Date = "d", MessageType = "t" };
        var json = JsonSerializer.Serialize(header, ProtocolJson.Default.MessageHeader);
        Assert.Equal("""{"msg_id":"m","session":"s","username":"u","date":"d","msg_type":"t","version":"5.4"}""", json);
    }

    [Fact]
    public void A_header_from_jupyterlab_parses()
    {
        // @jupyterlab/services KernelMessage.createMessage: date is an ISO string from JavaScript's Date.toISOString().
        const string Json = """{"date":"2025-01-02T03:04:05.123Z","msg_id":"7c1b","msg_type":"kernel_info_request","session":"a9f2","username":"","version":"5.2"}""";
        var header = JsonSerializer.Deserialize(Json, ProtocolJson.Default.MessageHeader)!;
        Assert.Equal(new MessageHeader { MessageId = "7c1b", Session = "a9f2", Username = "", Date = "2025-01-02T03:04:05.123Z", MessageType = "kernel_info_request", Version = "5.2" }, header);
    }
}
