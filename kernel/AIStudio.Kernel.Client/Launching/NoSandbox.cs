namespace AIStudio.Kernel.Client.Launching;

/// <summary>Runs the kernel as it is, unconfined.</summary>
public sealed class NoSandbox : IKernelSandbox
{
    public static NoSandbox Instance { get; } = new();

    public KernelProcessCommand Wrap(KernelProcessCommand command, string runtimeDirectory) => command;
}
