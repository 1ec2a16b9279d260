namespace AIStudio.Kernel.Engine;

/// <summary>Completion matches and the UTF-16 range of the code they replace.</summary>
public sealed record CompletionResult(IReadOnlyList<CompletionMatch> Matches, int Start, int End);
