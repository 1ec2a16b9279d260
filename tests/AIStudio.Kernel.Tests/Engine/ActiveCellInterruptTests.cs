using AIStudio.Kernel.Engine;
using AIStudio.Kernel.Output;

namespace AIStudio.Kernel.Tests.Engine;

/// <summary>
/// An interrupt aims <see cref="Thread.Interrupt"/> at a cell's thread only while the cell's own code waits: not while
/// the thread still compiles the cell, nor once its code has ended. When the
/// code ends just as the interrupt comes, the thread marks the end while the interrupter checks it: the thread then waits
/// for the interrupter's gate, and that wait must not take the interrupt (a ThreadInterruptedException there broke
/// the engine's event handling, and an interrupted cell could be answered "ok").
/// </summary>
public sealed class ActiveCellInterruptTests
{
    [Fact]
    public void A_cell_thread_waiting_for_the_gate_as_its_code_ends_does_not_take_the_interrupt()
    {
        using var cell = new ActiveCell("x", new RewrittenCell("x", []), new NullSink());
        Exception? escaped = null;
        var pendingAfterEnd = false;
        var thread = new Thread(() =>
        {
            cell.BindThread(Thread.CurrentThread);
            cell.MarkUserCodeStarted();
            try
            {
                cell.MarkUserCodeEnded();
            }
            catch (Exception e)
            {
                escaped = e;
                return;
            }

            try
            {
                // .NET Interactive's scheduler waits on this thread once the cell's code has ended.
                Thread.Sleep(1);
            }
            catch (ThreadInterruptedException)
            {
                pendingAfterEnd = true;
            }
        });

        bool interrupted;
        using (cell.InterruptGate.EnterScope())
        {
            thread.Start();
            // The interrupter holds the gate as the cell's thread comes to mark its end: it waits there.
            var waiting = SpinWait.SpinUntil(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10));
            Assert.True(waiting, "the cell's thread never waited for the gate");
            interrupted = cell.TryInterruptWait();
        }

        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.True(interrupted, "the interrupter did not aim at the waiting thread, so this test proves nothing");
        Assert.Null(escaped);
        Assert.False(pendingAfterEnd);
        Assert.False(cell.TryInterruptWait());
    }

    [Fact]
    public void Only_the_cells_own_code_has_its_waits_interrupted()
    {
        using var cell = new ActiveCell("x", new RewrittenCell("x", []), new NullSink());
        using var beforeCode = new ManualResetEventSlim();
        using var inCode = new ManualResetEventSlim();
        using var waiting = new SemaphoreSlim(0);
        var interruptedWaits = 0;
        var thread = new Thread(() =>
        {
            cell.BindThread(Thread.CurrentThread);
            for (var phase = 0; phase < 2; phase++)
            {
                if (phase == 1)
                {
                    cell.MarkUserCodeStarted();
                }

                try
                {
                    waiting.Release();
                    // Before its code, the cell's thread waits inside the compiler or .NET Interactive; then in its code.
                    (phase == 0 ? beforeCode : inCode).Wait(TimeSpan.FromSeconds(10));
                }
                catch (ThreadInterruptedException)
                {
                    Interlocked.Increment(ref interruptedWaits);
                }
            }
        });
        thread.Start();

        Assert.True(waiting.Wait(TimeSpan.FromSeconds(10)));
        Assert.True(SpinWait.SpinUntil(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10)));
        Assert.False(cell.TryInterruptWait());
        beforeCode.Set();

        Assert.True(waiting.Wait(TimeSpan.FromSeconds(10)));
        Assert.True(SpinWait.SpinUntil(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10)));
        Assert.True(cell.TryInterruptWait());
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, interruptedWaits);
    }

    private sealed class NullSink : IOutputSink
    {
        public void WriteStream(string name, string text)
        {
        }

        public void Display(MimeBundle bundle, string? displayId, bool update)
        {
        }

        public void ClearOutput(bool wait)
        {
        }

        public void AddPayload(System.Text.Json.JsonElement payload)
        {
        }

        public string RequestInput(string prompt, bool password, CancellationToken cancellationToken) => "";
    }
}
