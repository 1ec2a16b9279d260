using AIStudio.Kernel.Output;
using AIStudio.Kernel.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Kernel.Engine;

/// <summary>The state of the cell that runs now: its output sink, result, compiler messages and failure.</summary>
internal sealed class ActiveCell(string code, RewrittenCell rewritten, IOutputSink sink) : IDisposable
{
    private readonly List<Microsoft.DotNet.Interactive.Diagnostic> _errors = [];
    private readonly CancellationTokenSource _input = new();
    private CommandFailed? _failure;
    private volatile Thread? _thread;
    private volatile bool _userCodeStarted;
    private bool _userCodeEnded;

    public IOutputSink Sink { get; } = sink;

    public MimeBundle? Result { get; set; }

    public Thread? Thread => _thread;

    /// <summary>Held while an interrupt is aimed at the cell's thread and while that thread marks its code's end.</summary>
    internal Lock InterruptGate { get; } = new();

    /// <summary>Cancelled on interrupt, so a pending input_request stops waiting.</summary>
    public CancellationToken InputCancellation => _input.Token;

    public void BindThread(Thread thread) => _thread = thread;

    /// <summary>
    /// Called by the cell's code as it starts (the woven <c>CellRuntime.Enter()</c>): from here its thread's waits are
    /// the cell's own, which an interrupt may break.
    /// </summary>
    public void MarkUserCodeStarted() => _userCodeStarted = true;

    /// <summary>
    /// Interrupts the cell's thread if the cell's code is running and blocked in a wait. Never before
    /// <see cref="MarkUserCodeStarted"/> (the thread then waits inside the compiler or .NET Interactive, whose state an
    /// interrupt could break; the cell's code stops at its first check instead) nor after <see cref="MarkUserCodeEnded"/>
    /// (the same thread then waits inside .NET Interactive's scheduler).
    /// </summary>
    public bool TryInterruptWait()
    {
        lock (InterruptGate)
        {
            if (!_userCodeStarted || _userCodeEnded || rewritten.Awaits || _thread is not { } thread || (thread.ThreadState & ThreadState.WaitSleepJoin) == 0)
            {
                return false;
            }

            thread.Interrupt();
            return true;
        }
    }

    /// <summary>
    /// Called on the cell's own thread right after its code has run (from the engine's event handler): stops
    /// further interrupts and consumes one that arrived too late to matter.
    /// </summary>
    public void MarkUserCodeEnded()
    {
        while (true)
        {
            try
            {
                lock (InterruptGate)
                {
                    _userCodeEnded = true;
                }

                break;
            }
            catch (ThreadInterruptedException)
            {
                // The interrupter saw this thread wait for the gate and took it for the cell's code waiting: the
                // interrupt came as the code ended. Take the gate again; nothing waits on this thread after that.
            }
        }

        if (Thread.CurrentThread == _thread)
        {
            try
            {
                Thread.Sleep(0);
            }
            catch (ThreadInterruptedException)
            {
            }
        }
    }

    public void CancelInput()
    {
        try
        {
            _input.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _input.Dispose();

    public void AddDiagnostics(IEnumerable<Microsoft.DotNet.Interactive.Diagnostic> diagnostics)
    {
        lock (_errors)
        {
            _errors.AddRange(diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        }
    }

    public void Fail(CommandFailed failure) => _failure ??= failure;

    /// <summary>
    /// Takes the cell's failure from its command's own result when the kernel's event stream did not deliver it
    /// (the result is the command's record; an outcome must never read "ok" for a cell that failed). True when it did.
    /// </summary>
    public bool SettleFrom(KernelCommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_failure is not null || result.Events.OfType<CommandFailed>().FirstOrDefault(f => !ExecutionScope.IsNested(f.Command)) is not { } failed)
        {
            return false;
        }

        Fail(failed);
        return true;
    }

    /// <summary>The outcome once the engine has finished with the cell.</summary>
    public ExecutionOutcome Outcome(bool interrupted)
    {
        if (_failure is null)
        {
            return ExecutionOutcome.Success(Result);
        }

        List<Microsoft.DotNet.Interactive.Diagnostic> errors;
        lock (_errors)
        {
            errors = [.. _errors];
        }

        return ExecutionOutcome.Failure(ErrorReport.From(_failure, errors, code, rewritten, interrupted));
    }
}
