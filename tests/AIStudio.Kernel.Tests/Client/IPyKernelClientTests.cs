using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>
/// The client against a reference kernel (Debian's ipykernel), so that a failure in the C# kernel's tests is known to be
/// the kernel's: execute with streams and results, stdin, heartbeat, and the signed round trip.
/// </summary>
public sealed class IPyKernelClientTests
{
    [IPyKernelFact]
    public async Task Client_runs_code_answers_input_and_sees_heartbeat_on_ipykernel()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(TestKernelSpecs.IPyKernel(), timeout.Token);
        var connection = kernel.Connection;

        // Raw: ipykernel's codemirror_mode is an object, which the typed LanguageInfo does not read.
        var info = await connection.RequestAsync(Channels.Control, MessageTypes.KernelInfoRequest, JupyterMessage.Empty, timeout.Token);
        Assert.Equal("python", info.Content.GetProperty("language_info").GetProperty("name").GetString());

        var result = await connection.ExecuteAsync("import sys\nprint('out')\nprint('err', file=sys.stderr)\n1+1", cancellationToken: timeout.Token);
        Assert.Equal("ok", result.Status);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal("2", result.ResultText);
        Assert.True(result.IdleSeen);
        Assert.Equal(MessageTypes.Status, result.IOPub[0].MessageType);

        var input = await connection.ExecuteAsync("x = input('name? ')\nprint('hello ' + x)", new ExecuteOptions { InputHandler = _ => "ada" }, timeout.Token);
        Assert.Equal("hello ada\n", input.Stdout);
        Assert.Single(input.InputRequests);

        Assert.True(await connection.HeartbeatAsync(TimeSpan.FromSeconds(5), timeout.Token));
        Assert.Equal(0, connection.DroppedMessages);
    }

    [IPyKernelFact]
    public async Task Launcher_interrupts_ipykernel_with_SIGINT_and_sees_it_exit_after_shutdown()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(TestKernelSpecs.IPyKernel(), timeout.Token);
        var connection = kernel.Connection;
        using var started = connection.Subscribe(m => m.MessageType == MessageTypes.Stream);

        var running = connection.ExecuteAsync("import time\nprint('sleeping', flush=True)\ntime.sleep(30)", cancellationToken: timeout.Token);
        await started.WaitForAsync(_ => true, timeout.Token);
        await kernel.Process.SignalInterruptAsync(timeout.Token);
        var interrupted = await running.WaitAsync(TimeSpan.FromSeconds(10), timeout.Token);

        Assert.Equal("error", interrupted.Status);
        Assert.Equal("KeyboardInterrupt", interrupted.ReplyContent.ExceptionName);
        var reply = await connection.ShutdownAsync(restart: false, timeout.Token);
        Assert.Equal("ok", reply.Status);
        await kernel.Process.Exited.WaitAsync(Timeouts.Exit, timeout.Token);
    }
}
