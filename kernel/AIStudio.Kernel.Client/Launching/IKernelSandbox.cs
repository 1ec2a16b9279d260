namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// The seam where a local kernel process gets confined (bubblewrap, rlimits): it rewrites the command the launcher would
/// run, e.g. into <c>bwrap … -- dotnet aistudio-kernel.dll …</c>. The runtime directory holds the connection file and must
/// stay visible to the kernel.
/// </summary>
public interface IKernelSandbox
{
    KernelProcessCommand Wrap(KernelProcessCommand command, string runtimeDirectory);
}
