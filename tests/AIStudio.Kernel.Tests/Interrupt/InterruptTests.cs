using System.Diagnostics;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Interrupt;

/// <summary>
/// Interrupting a running cell stops it and leaves the kernel alive. Each test has its own kernel: a failed interrupt
/// leaves a kernel wedged.
/// </summary>
public sealed class InterruptTests(ITestOutputHelper output)
{
    /// <summary>Far below the 30 s the sleeping cell would take.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public Task Interrupt_request_stops_a_cell_blocked_in_Thread_Sleep() =>
        InterruptAndCheckAsync("System.Threading.Thread.Sleep(30000);", bySignal: false);

    [Fact]
    public Task Interrupt_request_stops_a_busy_loop() =>
        InterruptAndCheckAsync("while (true) { }", bySignal: false);

    [Fact]
    public Task Interrupt_request_stops_a_cell_awaiting_a_task() =>
        InterruptAndCheckAsync("await Task.Delay(30000);", bySignal: false);

    [Fact]
    public Task SIGINT_stops_a_cell_blocked_in_Thread_Sleep() =>
        InterruptAndCheckAsync("System.Threading.Thread.Sleep(30000);", bySignal: true);

    private async Task InterruptAndCheckAsync(string blockingCode, bool bySignal)
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(timeout.Token);
        using var log = kernel.Log.Attach(output);
        var connection = kernel.Connection;
        var marker = "started-" + Guid.NewGuid().ToString("N");
        using var started = connection.Subscribe(m => m.Channel == Channels.IOPub && m.MessageType == MessageTypes.Stream
            && m.Content.GetProperty("text").GetString()!.Contains(marker, StringComparison.Ordinal));

        var running = connection.RunAsync($"Console.WriteLine(\"{marker}\");\n{blockingCode}");
        await started.WaitForAsync(_ => true, timeout.Token);
        var clock = Stopwatch.StartNew();
        if (bySignal)
        {
            await kernel.Process.SignalInterruptAsync(timeout.Token);
        }
        else
        {
            var reply = await connection.InterruptAsync(timeout.Token);
            Assert.Equal("ok", reply.Status);
        }

        ExecutionResult result;
        try
        {
            result = await running.WaitAsync(Quickly);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The interrupted cell did not end within {Quickly.TotalSeconds} s.\n{kernel.Diagnostics()}");
            throw;
        }

        output.WriteLine($"The cell ended {clock.ElapsedMilliseconds} ms after the interrupt: {result}");
        Assert.Equal("error", result.Status);
        Assert.False(await kernel.Process.HasExitedAsync(), "The kernel must survive an interrupt.");
        ExecutionResult after;
        using var afterInterrupt = connection.Subscribe();
        try
        {
            after = await connection.RunOkAsync("1+1");
        }
        catch (TimeoutException)
        {
            var seen = string.Join("\n", afterInterrupt.ReadAllSoFar().Select(m => $"  {m.Channel} {m.MessageType} parent={m.ParentHeader?.MessageType} {m.Content.GetRawText()}"));
            Assert.Fail($"After the interrupt the kernel did not run 1+1. Messages received meanwhile:\n{seen}\n{kernel.Diagnostics()}");
            throw;
        }

        Assert.Equal("2", after.ResultText);
    }

    [Fact]
    public async Task A_cell_stuck_in_native_code_is_reported_and_the_kernel_refuses_cells_until_it_returns()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        await using var kernel = await KernelUnderTest.StartAsync(timeout.Token);
        using var log = kernel.Log.Attach(output);
        var connection = kernel.Connection;
        // A read on an empty pipe blocks in native code, where no interrupt check runs and Thread.Interrupt cannot wake
        // it. Unlike libc's sleep, the read is restarted after any signal the runtime handles (SA_RESTART), so it ends
        // only when a timer writes to the pipe, 8 s later: late enough that a slow machine still refuses the next cell.
        await connection.RunOkAsync("""
            [System.Runtime.InteropServices.DllImport("libc")] static extern int pipe(int[] fds);
            [System.Runtime.InteropServices.DllImport("libc")] static extern nint read(int fd, byte[] buffer, nint count);
            [System.Runtime.InteropServices.DllImport("libc")] static extern nint write(int fd, byte[] buffer, nint count);
            var fds = new int[2];
            if (pipe(fds) != 0) throw new InvalidOperationException("pipe failed");
            """);
        var marker = "native-" + Guid.NewGuid().ToString("N");
        using var started = connection.Subscribe(m => m.Channel == Channels.IOPub && m.MessageType == MessageTypes.Stream
            && m.Content.GetProperty("text").GetString()!.Contains(marker, StringComparison.Ordinal));

        var running = connection.RunAsync($"""
            Task.Delay(8000).ContinueWith(_ => write(fds[1], new byte[1], 1));
            Console.WriteLine("{marker}");
            var got = read(fds[0], new byte[1], 1);
            """);
        await started.WaitForAsync(_ => true, timeout.Token);
        await connection.InterruptAsync(timeout.Token);
        var interrupted = await running.WaitAsync(Quickly);

        Assert.True(interrupted.Status == "error", $"The interrupted cell must fail, not '{interrupted.Status}': {interrupted}");
        Assert.Contains("still running in the background", interrupted.ReplyContent.ExceptionValue, StringComparison.Ordinal);
        var refused = await connection.RunAsync("1+1");
        Assert.True(refused.ReplyContent.ExceptionName == "KernelBusyException", $"The next cell must be refused: {refused}");

        // Once the native call returns, the kernel takes cells again, with its state intact. (Each refusal takes the
        // kernel ~0.1 s of sampling the stuck thread, which paces this loop: no sleep needed.)
        ExecutionResult? after = null;
        for (var attempt = 0; attempt < 200 && after?.Status != "ok"; attempt++)
        {
            after = await connection.RunAsync("6*7");
            if (after.Status != "ok")
            {
                Assert.True(after.ReplyContent.ExceptionName == "KernelBusyException", $"Only a busy refusal is expected: {after}");
            }
        }

        Assert.Equal("42", after!.ResultText);
        Assert.False(await kernel.Process.HasExitedAsync(), "The kernel must survive an interrupt.");
    }
}
