using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Protocol.Tests;

public sealed class MessageTypesTests
{
    [Theory]
    [InlineData(MessageTypes.KernelInfoRequest, MessageTypes.KernelInfoReply)]
    [InlineData(MessageTypes.ExecuteRequest, MessageTypes.ExecuteReply)]
    [InlineData(MessageTypes.CompleteRequest, MessageTypes.CompleteReply)]
    [InlineData(MessageTypes.InspectRequest, MessageTypes.InspectReply)]
    [InlineData(MessageTypes.IsCompleteRequest, MessageTypes.IsCompleteReply)]
    [InlineData(MessageTypes.HistoryRequest, MessageTypes.HistoryReply)]
    [InlineData(MessageTypes.CommInfoRequest, MessageTypes.CommInfoReply)]
    [InlineData(MessageTypes.InputRequest, MessageTypes.InputReply)]
    [InlineData(MessageTypes.InterruptRequest, MessageTypes.InterruptReply)]
    [InlineData(MessageTypes.ShutdownRequest, MessageTypes.ShutdownReply)]
    [InlineData("debug_request", "debug_reply")]
    public void ReplyTo_turns_request_into_reply(string request, string reply)
    {
        Assert.Equal(reply, MessageTypes.ReplyTo(request));
    }

    [Theory]
    [InlineData("comm_msg", "comm_msg_reply")]
    [InlineData("request_x", "request_x_reply")]
    [InlineData("_request", "_reply")]
    [InlineData("", "_reply")]
    public void ReplyTo_appends_reply_to_other_names(string type, string reply)
    {
        Assert.Equal(reply, MessageTypes.ReplyTo(type));
    }

    [Fact]
    public void ReplyTo_is_case_sensitive_like_the_wire()
    {
        Assert.Equal("EXECUTE_REQUEST_reply", MessageTypes.ReplyTo("EXECUTE_REQUEST"));
    }

    [Fact]
    public void ReplyTo_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => MessageTypes.ReplyTo(null!));
    }

    [Fact]
    public void Channels_knows_the_four_websocket_channels()
    {
        Assert.All(new[] { "shell", "iopub", "stdin", "control" }, c => Assert.True(Channels.IsKnown(c)));
        Assert.False(Channels.IsKnown("hb"));
        Assert.False(Channels.IsKnown("Shell"));
        Assert.False(Channels.IsKnown(null));
    }
}
