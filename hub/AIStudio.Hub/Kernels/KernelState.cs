namespace AIStudio.Hub.Kernels;

/// <summary>The life of a kernel the hub runs. Legal moves are in <see cref="KernelStates"/>.</summary>
public enum KernelState
{
    Starting,
    Idle,
    Busy,
    Restarting,
    Stopping,
    Dead,
}
