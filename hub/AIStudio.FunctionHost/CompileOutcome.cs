namespace AIStudio.FunctionHost;

/// <summary>What compiling a function gave: the function to call, or the errors (never both).</summary>
public sealed record CompileOutcome(CompiledFunction? Function, IReadOnlyList<FunctionDiagnostic> Diagnostics);
