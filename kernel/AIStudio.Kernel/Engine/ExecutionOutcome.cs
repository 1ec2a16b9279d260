using AIStudio.Kernel.Output;

namespace AIStudio.Kernel.Engine;

/// <summary>How a cell ended: with an optional result, or with an error.</summary>
public sealed record ExecutionOutcome
{
    public MimeBundle? Result { get; init; }

    public ExecutionError? Error { get; init; }

    public bool Succeeded => Error is null;

    public static ExecutionOutcome Success(MimeBundle? result) => new() { Result = result };

    public static ExecutionOutcome Failure(ExecutionError error) => new() { Error = error };
}
