namespace AIStudio.Kernel.Client.Launching;

/// <summary>Runs the kernel as it is, unconfined.</summary>
public sealed class NoSandbox : IKernelSandbox
{
    public static NoSandbox Instance { get; } = new();

    public KernelProcessCommand Wrap(KernelProcessCommand command, string runtimeDirectory)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.IsolateNetwork == true
            ? throw new InvalidOperationException("A kernel without network needs a sandbox that gives it a network namespace of its own (bubblewrap); this launcher has none.")
            : command;
    }
}
