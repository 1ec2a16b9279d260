using System.Runtime.InteropServices;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>kill(2), for SIGINT: .NET's Process can only kill.</summary>
internal static partial class PosixSignals
{
    public const int SigInt = 2;

    public static void Send(int processId, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Signals are POSIX only; use interrupt_mode message on Windows.");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new IOException($"kill({processId}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
