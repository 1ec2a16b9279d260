using AIStudio.Kernel.Output;
using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Kernel.Engine;

/// <summary>The state of the cell that runs now: its output sink, result, compiler messages and failure.</summary>
internal sealed class ActiveCell(string code, RewrittenCell rewritten, IOutputSink sink) : IDisposable
{
    private readonly List<Microsoft.DotNet.Interactive.Diagnostic> _errors = [];
    private readonly CancellationTokenSource _input = new();
    private CommandFailed? _failure;
    private readonly Lock _interruptGate = new();
    private volatile Thread? _thread;
    private bool _userCodeEnded;

    public IOutputSink Sink { get; } = sink;

    public MimeBundle? Result { get; set; }

    public Thread? Thread => _thread;

    /// <summary>Cancelled on interrupt, so a pending input_request stops waiting.</summary>
    public CancellationToken InputCancellation => _input.Token;

    public void BindThread(Thread thread) => _thread = thread;

    /// <summary>
    /// Interrupts the cell's thread if the cell's code is still running and blocked in a wait. Never after
    /// <see cref="MarkUserCodeEnded"/>: the same thread then waits inside .NET Interactive's scheduler, and an
    /// interrupt there would break the engine.
    /// </summary>
    public bool TryInterruptWait()
    {
        lock (_interruptGate)
        {
            if (_userCodeEnded || rewritten.Awaits || _thread is not { } thread || (thread.ThreadState & ThreadState.WaitSleepJoin) == 0)
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
        lock (_interruptGate)
        {
            _userCodeEnded = true;
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
