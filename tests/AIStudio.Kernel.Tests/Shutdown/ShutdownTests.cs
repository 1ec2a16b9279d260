using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Shutdown;

/// <summary>shutdown_request on control. Each test has its own kernel.</summary>
public sealed class ShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Shutdown_without_restart_replies_and_ends_the_process()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(timeout.Token);
        using var log = kernel.Log.Attach(output);

        var reply = await kernel.Connection.ShutdownAsync(restart: false, timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.False(reply.Restart);
        await kernel.Process.Exited.WaitAsync(Timeouts.Exit, timeout.Token);
        Assert.Equal(0, kernel.Process.ExitCode);
    }

    /// <summary>
    /// After shutdown_reply with restart true a client keeps working once it reconnects, and the kernel's state is new.
    /// Either shape of restart passes: the process restarts itself in place (it stays alive and answers, publishing
    /// status starting), or it exits and the launcher starts it again on the same ports, as jupyter_client's
    /// KernelManager does.
    /// </summary>
    [Fact]
    public async Task Shutdown_with_restart_leaves_a_kernel_that_answers_without_the_earlier_variables()
    {
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(timeout.Token);
        using var log = kernel.Log.Attach(output);
        await kernel.Connection.RunOkAsync("var beforeRestart = 42;");
        using var starting = kernel.Connection.Subscribe(m => m.Channel == Channels.IOPub && m.IsStatus("starting"));

        var reply = await kernel.Connection.ShutdownAsync(restart: true, timeout.Token);

        Assert.Equal("ok", reply.Status);
        Assert.True(reply.Restart);
        var restartedInPlace = starting.ReadAsync(timeout.Token).AsTask();
        var first = await Task.WhenAny(kernel.Process.Exited, restartedInPlace).WaitAsync(Timeouts.Exit, timeout.Token);
        if (first == kernel.Process.Exited)
        {
            output.WriteLine($"The kernel exited (code {kernel.Process.ExitCode}); relaunching it on the same ports.");
            await kernel.RelaunchAsync(timeout.Token);
        }
        else
        {
            output.WriteLine("The kernel restarted in place.");
            await kernel.ReconnectAsync(timeout.Token);
        }

        var info = await kernel.Connection.KernelInfoAsync(Channels.Shell, timeout.Token);
        Assert.Equal("ok", info.Status);
        var gone = await kernel.Connection.RunAsync("beforeRestart");
        Assert.Equal("error", gone.Status);
        Assert.Contains("beforeRestart", gone.ReplyContent.ExceptionValue + string.Join("\n", gone.ReplyContent.Traceback ?? []), StringComparison.Ordinal);
        await kernel.Connection.RunOkAsync("var afterRestart = 1;");
    }
}
