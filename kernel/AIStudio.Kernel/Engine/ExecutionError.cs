namespace AIStudio.Kernel.Engine;

/// <summary>An error as Jupyter shows it: a name, a value and traceback lines.</summary>
public sealed record ExecutionError(string Name, string Value, IReadOnlyList<string> Traceback)
{
    /// <summary>The ename used for cells stopped by an interrupt.</summary>
    public const string InterruptedName = "OperationCanceledException";

    public bool IsInterrupt => Name == InterruptedName;
}
