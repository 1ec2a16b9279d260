using AIStudio.Kernel.Output;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// The language engine behind the protocol. The protocol side knows only this interface, so the engine
/// (.NET Interactive today) can be replaced — by Roslyn scripting, say — without touching the wire.
/// All positions here are UTF-16 indices into the code; the protocol side converts from and to code points.
/// </summary>
public interface ICodeEngine : IAsyncDisposable
{
    /// <summary>Builds the engine and compiles a first submission, so the user's first cell is fast.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>Runs a cell. Output goes to <paramref name="sink"/>; the result value and errors come back.</summary>
    Task<ExecutionOutcome> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken);

    Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken);

    Task<InspectionResult> InspectAsync(string code, int cursor, int detailLevel, CancellationToken cancellationToken);

    /// <summary>complete, incomplete (with an indent) or invalid; needs no warm engine.</summary>
    IsCompleteResult IsComplete(string code);

    /// <summary>Asks the running cell to stop (from another thread). Returns at once.</summary>
    void Interrupt();
}
