using AIStudio.Kernel.Hosting;
using AIStudio.Kernel.Scripting;
using Microsoft.DotNet.Interactive;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// Stops a running cell without killing the kernel, in escalating steps: (1) set the flag that the woven
/// <c>CellRuntime.Check()</c> calls read, and cancel a pending input request; (2) <see cref="Thread.Interrupt"/>
/// the cell's thread while it waits (Sleep, Wait, Join); (3) after a second, cancel the .NET Interactive command,
/// which ends an awaiting cell; (4) if the cell still has not returned after the grace period, answer with an
/// error that says so, and refuse later cells until a restart rather than hang.
/// </summary>
internal sealed class CellInterrupter(KernelLog log, TimeSpan gracePeriod)
{
    private static readonly TimeSpan WakePhase = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private volatile bool _interrupted;
    private volatile bool _wedged;
    private Thread? _straggler;
    private TaskCompletionSource? _gaveUp;
    private Func<Task>? _cancelCommand;
    private Task? _finished;

    public bool WasInterrupted => _interrupted;

    /// <summary>
    /// An outcome that refuses a new cell while an interrupted one still runs in the background (it would only queue
    /// behind it); null when the engine is free. A straggler that has finished on its own frees the engine again.
    /// </summary>
    public ExecutionOutcome? RefuseWhileBusy()
    {
        if (_straggler is { } straggler && !StillComputing(straggler))
        {
            _straggler = null;
            log.Info("The interrupted cell's code has ended; new cells run again.");
        }

        if (!_wedged && _straggler is null)
        {
            return null;
        }

        const string message = "An interrupted cell is still running in the background, so this cell was not run. Wait for it to finish, or restart the kernel.";
        return ExecutionOutcome.Failure(new ExecutionError("KernelBusyException", message, [$"KernelBusyException: {message}"]));
    }

    public async Task<ExecutionOutcome?> RunAsync(Task<KernelCommandResult> send, ActiveCell cell, Func<Task> cancelCommand)
    {
        _interrupted = false;
        _cancelCommand = cancelCommand;
        _gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _finished = send;
        var first = await Task.WhenAny(send, _gaveUp.Task).ConfigureAwait(false);
        if (first == send)
        {
            await send.ConfigureAwait(false);
            if (_interrupted && cell.Thread is { } thread && StillComputing(thread))
            {
                _straggler = thread;
                log.Warn("An interrupted cell is still running in the background; new cells are refused until it ends.");
                return StillRunningOutcome();
            }

            return null;
        }

        _wedged = true;
        log.Warn("An interrupted cell did not stop within the grace period; the engine refuses new cells until a restart.");
        return StillRunningOutcome();
    }

    public void Interrupt(ActiveCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (_interrupted)
        {
            return;
        }

        _interrupted = true;
        CellRuntime.InterruptRequested = true;
        cell.CancelInput();
        _ = Task.Run(() => EscalateAsync(cell));
    }

    public void Finish()
    {
        _gaveUp?.TrySetCanceled();
        _finished = null;
    }

    private async Task EscalateAsync(ActiveCell cell)
    {
        var finished = _finished;
        if (finished is null)
        {
            return;
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (!finished.IsCompleted && System.Diagnostics.Stopwatch.GetElapsedTime(started) < WakePhase)
            {
                cell.TryInterruptWait();

                await Task.WhenAny(finished, Task.Delay(PollInterval)).ConfigureAwait(false);
            }

            if (finished.IsCompleted)
            {
                return;
            }

            log.Info("The interrupted cell is still running: cancelling its command.");
            if (_cancelCommand is { } cancel)
            {
                await cancel().ConfigureAwait(false);
            }

            await Task.WhenAny(finished, Task.Delay(gracePeriod)).ConfigureAwait(false);
            if (!finished.IsCompleted)
            {
                _gaveUp?.TrySetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Error("Interrupting the cell failed", e);
        }
    }

    /// <summary>
    /// After a cancelled command, the cell's thread may still be busy inside code with no interrupt check (a library
    /// loop, native code). .NET Interactive's idle scheduler thread waits; a thread that keeps running is still computing.
    /// </summary>
    private static bool StillComputing(Thread thread)
    {
        if (!thread.IsAlive)
        {
            return false;
        }

        for (var i = 0; i < 5; i++)
        {
            if ((thread.ThreadState & ThreadState.WaitSleepJoin) != 0)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    private static ExecutionOutcome StillRunningOutcome()
    {
        const string message = "The cell was interrupted, but its code is still running in the background (inside library or native code that cannot be interrupted). Restart the kernel to stop it.";
        return ExecutionOutcome.Failure(new ExecutionError(ExecutionError.InterruptedName, message, [$"{ExecutionError.InterruptedName}: {message}"]));
    }
}
