using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.KernelInfo;

public sealed class KernelInfoTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private readonly IDisposable _log = fixture.AttachOutput(output);

    [Theory]
    [InlineData(Channels.Shell)]
    [InlineData(Channels.Control)]
    public async Task Kernel_info_describes_a_csharp_kernel_speaking_5_4(string channel)
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var request = fixture.Connection.CreateMessage(MessageTypes.KernelInfoRequest, new KernelInfoRequest(), ProtocolJson.Default.KernelInfoRequest);

        var reply = await fixture.Connection.RequestAsync(channel, request, timeout.Token);

        Assert.Equal(MessageTypes.KernelInfoReply, reply.MessageType);
        Assert.Equal(request.Header.MessageId, reply.ParentHeader?.MessageId);
        var info = reply.ContentAs(ProtocolJson.Default.KernelInfoReply);
        Assert.Equal("ok", info.Status);
        Assert.Equal("5.4", info.ProtocolVersion);
        Assert.False(string.IsNullOrWhiteSpace(info.Banner));
        Assert.False(string.IsNullOrWhiteSpace(info.Implementation));
        Assert.False(string.IsNullOrWhiteSpace(info.ImplementationVersion));
        Assert.Equal("csharp", info.LanguageInfo.Name, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(info.LanguageInfo.Version));
        Assert.False(string.IsNullOrWhiteSpace(info.LanguageInfo.MimeType));
        Assert.StartsWith(".", info.LanguageInfo.FileExtension, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernel_info_reply_header_is_signed_in_the_kernels_session_and_names_version_5_4()
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var reply = await fixture.Connection.RequestAsync(Channels.Shell, MessageTypes.KernelInfoRequest, JupyterMessage.Empty, timeout.Token);

        Assert.False(string.IsNullOrEmpty(reply.Header.Session));
        Assert.NotEqual(fixture.Connection.Session, reply.Header.Session);
        Assert.Equal("5.4", reply.Header.Version);
        Assert.False(string.IsNullOrEmpty(reply.Header.Date));
        Assert.Equal(0, fixture.Connection.DroppedMessages);
    }

    public void Dispose() => _log.Dispose();
}
