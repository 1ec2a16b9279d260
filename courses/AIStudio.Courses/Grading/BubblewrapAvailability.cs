using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Courses.Grading;

/// <summary>Whether bwrap works here, probed once per process (each probe starts a process).</summary>
internal static class BubblewrapAvailability
{
    private static readonly Lazy<bool> Probe = new(() => BubblewrapSandbox.IsAvailable());

    public static bool IsAvailable => Probe.Value;
}
