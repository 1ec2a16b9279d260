namespace AIStudio.Hub.Kernels;

/// <summary>The legal transitions between <see cref="KernelState"/>s, and their names on the wire (execution_state).</summary>
public static class KernelStates
{
    private static readonly Dictionary<KernelState, KernelState[]> Legal = new()
    {
        [KernelState.Starting] = [KernelState.Idle, KernelState.Busy, KernelState.Restarting, KernelState.Stopping, KernelState.Dead],
        [KernelState.Idle] = [KernelState.Busy, KernelState.Restarting, KernelState.Stopping, KernelState.Dead],
        [KernelState.Busy] = [KernelState.Idle, KernelState.Restarting, KernelState.Stopping, KernelState.Dead],
        [KernelState.Restarting] = [KernelState.Starting, KernelState.Idle, KernelState.Busy, KernelState.Stopping, KernelState.Dead],
        // A dead kernel can be restarted (jupyter_server allows restarting a dead kernel) or removed.
        [KernelState.Dead] = [KernelState.Restarting, KernelState.Stopping],
        [KernelState.Stopping] = [],
    };

    public static bool CanMove(KernelState from, KernelState to) => Legal[from].Contains(to);

    /// <summary>The Jupyter execution_state of a state.</summary>
    public static string ToExecutionState(KernelState state) => state switch
    {
        KernelState.Starting => "starting",
        KernelState.Idle => "idle",
        KernelState.Busy => "busy",
        KernelState.Restarting => "restarting",
        KernelState.Stopping => "terminating",
        _ => "dead",
    };
}
