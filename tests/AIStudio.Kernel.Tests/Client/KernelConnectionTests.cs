using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Connection;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>The connection with no kernel behind it: nothing hangs, nothing throws on the poller thread.</summary>
public sealed class KernelConnectionTests
{
    private static ConnectionInfo Nowhere() => new()
    {
        IP = "127.0.0.1",
        // The discard port: nothing listens on it here, so connections are refused and retried.
        ShellPort = 9,
        IOPubPort = 9,
        StdinPort = 9,
        ControlPort = 9,
        HeartbeatPort = 9,
        Key = "k",
    };

    [Fact]
    public async Task Heartbeat_to_a_port_nobody_answers_is_false_within_its_timeout()
    {
        await using var connection = new KernelConnection(Nowhere());

        Assert.False(await connection.HeartbeatAsync(TimeSpan.FromMilliseconds(200)));
        Assert.False(await connection.HeartbeatAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_request_without_a_kernel_ends_with_its_cancellation_token()
    {
        await using var connection = new KernelConnection(Nowhere());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.KernelInfoAsync(Channels.Shell, timeout.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.WaitForReadyAsync(timeout.Token));
    }

    [Fact]
    public async Task Iopub_cannot_be_sent_on_and_a_disposed_connection_refuses_work()
    {
        var connection = new KernelConnection(Nowhere());
        var message = connection.CreateMessage(MessageTypes.KernelInfoRequest, JupyterMessage.Empty);
        await Assert.ThrowsAsync<ArgumentException>(() => connection.SendAsync(Channels.IOPub, message));

        using var subscription = connection.Subscribe();
        await connection.DisposeAsync();
        await connection.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.SendAsync(Channels.Shell, message));
        Assert.False(subscription.TryRead(out _));
    }

    [Fact]
    public async Task Messages_carry_the_session_and_the_identity_is_the_session()
    {
        await using var connection = new KernelConnection(Nowhere(), new KernelConnectionOptions { Session = "my-session", Username = "ada" });

        var message = connection.CreateMessage(MessageTypes.KernelInfoRequest, JupyterMessage.Empty);

        Assert.Equal("my-session", message.Header.Session);
        Assert.Equal("ada", message.Header.Username);
        Assert.Equal("my-session"u8.ToArray(), connection.Identity.ToArray());
    }
}
