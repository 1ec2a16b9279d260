using AIStudio.Kernel.Comms;

namespace AIStudio.Kernel.Scripting;

/// <summary>What cells and extensions can reach of the kernel that runs them.</summary>
public static class KernelServices
{
    private static CommManager? s_comms;

    /// <summary>The comm manager: register comm targets, open comms to the front-end.</summary>
    public static CommManager Comms => s_comms ?? throw new InvalidOperationException("The kernel has not started its comm manager.");

    internal static void Attach(CommManager comms) => s_comms = comms;
}
