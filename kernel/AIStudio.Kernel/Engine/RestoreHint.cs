using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// What a user is told beside a failed <c>#r "nuget:"</c> in a kernel whose network is limited (the hub's
/// <c>AISTUDIO_KERNEL_NETWORK</c>: <c>none</c> or <c>packages</c>), so that a refused download does not read like a typo.
/// </summary>
internal static class RestoreHint
{
    /// <summary>The hint for a failed command, or null when it restored nothing or the kernel's network is not limited.</summary>
    public static string? For(KernelCommand command, string? network = null)
    {
        network ??= Environment.GetEnvironmentVariable("AISTUDIO_KERNEL_NETWORK");
        if (command is not SubmitCode submit || !submit.Code.Contains("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return network switch
        {
            "none" => "This kernel has no network (its plan's kernel network is 'none'): #r \"nuget:\" finds only packages already in your package folder.\n",
            "packages" => "This kernel reaches only the package feeds the hub allows (its plan's kernel network is 'packages'): packages from another source cannot be downloaded.\n",
            _ => null,
        };
    }
}
