using System.Text;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;
using AIStudio.Kernel.Protocol.Wire;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.BadInput;

/// <summary>
/// Unsigned, forged and malformed messages are dropped (never run, never answered) and the kernel keeps serving.
/// The shell socket is ordered, so once a later kernel_info is answered the bad message has been dealt with.
/// </summary>
public sealed class BadInputTests(KernelFixture fixture, ITestOutputHelper output) : IClassFixture<KernelFixture>, IDisposable
{
    private static readonly byte[] Delimiter = ZeroMqCodec.Delimiter.ToArray();
    private readonly IDisposable _log = fixture.AttachOutput(output);

    public static TheoryData<string, string[]> GarbageFrames => new()
    {
        { "one random frame", ["\u0001\u0002garbage\u00ff"] },
        { "an empty frame", [""] },
        { "only the delimiter", ["<IDS|MSG>"] },
        { "too few parts", ["<IDS|MSG>", "abc", "{}"] },
        { "no delimiter", ["sig", "{}", "{}", "{}", "{}"] },
        { "bad signature, valid JSON", ["<IDS|MSG>", "0000", "{\"msg_id\":\"1\",\"msg_type\":\"execute_request\",\"session\":\"s\"}", "{}", "{}", "{\"code\":\"1\"}"] },
    };

    [Theory]
    [MemberData(nameof(GarbageFrames))]
    public async Task Garbage_frames_on_shell_and_control_are_dropped_and_the_kernel_keeps_serving(string what, string[] frames)
    {
        output.WriteLine(what);
        var bytes = frames.Select(f => Encoding.UTF8.GetBytes(f)).ToList();
        using var timeout = Timeouts.After(Timeouts.Request);

        await fixture.Connection.SendRawAsync(Channels.Shell, bytes, timeout.Token);
        await fixture.Connection.SendRawAsync(Channels.Control, bytes, timeout.Token);

        await fixture.Connection.AssertServingAsync();
        var control = await fixture.Connection.KernelInfoAsync(Channels.Control, timeout.Token);
        Assert.Equal("ok", control.Status);
    }

    [Fact]
    public async Task A_message_signed_with_the_wrong_key_is_never_run_nor_answered()
    {
        var forged = fixture.Connection.CreateMessage(MessageTypes.ExecuteRequest, new ExecuteRequest { Code = "var forgedRan = true;" }, ProtocolJson.Default.ExecuteRequest);
        var frames = new ZeroMqCodec(new MessageSigner("not-the-kernels-key")).Encode(forged);
        await AssertDroppedAsync(forged, frames, "forgedRan");
    }

    [Fact]
    public async Task An_unsigned_message_is_never_run_nor_answered()
    {
        var unsigned = fixture.Connection.CreateMessage(MessageTypes.ExecuteRequest, new ExecuteRequest { Code = "var unsignedRan = true;" }, ProtocolJson.Default.ExecuteRequest);
        var frames = new ZeroMqCodec(new MessageSigner("")).Encode(unsigned);
        await AssertDroppedAsync(unsigned, frames, "unsignedRan");
    }

    [Fact]
    public async Task A_tampered_message_is_never_run_nor_answered()
    {
        var original = fixture.Connection.CreateMessage(MessageTypes.ExecuteRequest, new ExecuteRequest { Code = "1 + 1" }, ProtocolJson.Default.ExecuteRequest);
        var frames = new ZeroMqCodec(new MessageSigner(fixture.Connection.ConnectionInfo.Key)).Encode(original);
        frames[^1] = Encoding.UTF8.GetBytes("{\"code\":\"var tamperedRan = true;\"}");
        await AssertDroppedAsync(original, frames, "tamperedRan");
    }

    [Fact]
    public async Task Correctly_signed_invalid_JSON_is_dropped_and_the_kernel_keeps_serving()
    {
        var header = fixture.Connection.CreateMessage(MessageTypes.ExecuteRequest, JupyterMessage.Empty).Header;
        var parts = new MessageParts
        {
            Header = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(header, ProtocolJson.Default.MessageHeader),
            ParentHeader = "{}"u8.ToArray(),
            Metadata = "{}"u8.ToArray(),
            Content = "{\"code\": \"1 + 1\", oops"u8.ToArray(),
        };
        var frames = new ZeroMqCodec(new MessageSigner(fixture.Connection.ConnectionInfo.Key)).Encode(parts, []);
        using var answers = fixture.Connection.Subscribe(m => m.ParentHeader?.MessageId == header.MessageId && m.MessageType != MessageTypes.Status);
        using var timeout = Timeouts.After(Timeouts.Request);

        await fixture.Connection.SendRawAsync(Channels.Shell, frames, timeout.Token);

        await fixture.Connection.AssertServingAsync();
        // An error reply to a request the kernel could not read is allowed; running it is not.
        Assert.DoesNotContain(answers.ReadAllSoFar(), m => m.MessageType is MessageTypes.ExecuteInput or MessageTypes.ExecuteResult);
    }

    [Theory]
    [InlineData(Channels.Shell)]
    [InlineData(Channels.Control)]
    public async Task An_unknown_msg_type_does_not_crash_the_kernel(string channel)
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var unknown = fixture.Connection.CreateMessage("no_such_request", JupyterMessage.Empty);

        await fixture.Connection.SendAsync(channel, unknown, timeout.Token);

        await fixture.Connection.AssertServingAsync();
        Assert.False(await fixture.Kernel.Process.HasExitedAsync());
    }

    [Fact]
    public async Task A_10_MB_execute_request_is_run_and_the_kernel_keeps_serving()
    {
        var code = "// " + new string('x', 10 * 1024 * 1024) + "\n1 + 1";

        var result = await fixture.Connection.RunOkAsync(code);

        Assert.Equal("2", result.ResultText);
        await fixture.Connection.AssertServingAsync();
    }

    [Fact]
    public async Task A_10_MB_string_literal_is_answered_and_the_kernel_keeps_serving()
    {
        var code = "var big = \"" + new string('y', 10 * 1024 * 1024) + "\"; big.Length";

        // The literal may exceed what a .NET assembly can hold (the user-string heap): an error reply is fine, silence is not.
        var result = await fixture.Connection.RunAsync(code);

        Assert.Contains(result.Status, new[] { "ok", "error" });
        await fixture.Connection.AssertServingAsync();
        await fixture.Connection.RunOkAsync("1 + 1");
    }

    private async Task AssertDroppedAsync(JupyterMessage bad, List<byte[]> frames, string variable)
    {
        using var answers = fixture.Connection.Subscribe(m => m.HasParent(bad));
        using var timeout = Timeouts.After(Timeouts.Request);

        await fixture.Connection.SendRawAsync(Channels.Shell, frames, timeout.Token);
        await fixture.Connection.AssertServingAsync();

        var probe = await fixture.Connection.RunAsync(variable);
        Assert.True(probe.Status == "error", $"The bad message was run: {variable} exists.\n{probe}");
        Assert.Empty(answers.ReadAllSoFar());
        Assert.False(await fixture.Kernel.Process.HasExitedAsync());
    }

    public void Dispose() => _log.Dispose();
}
