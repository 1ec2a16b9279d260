namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// What one kernel (its whole process tree) may use, enforced by a control group (<see cref="KernelCgroup"/>): CPU time as a
/// number of cores (a quota per period), memory (resident, native included; past it the kernel is killed by the OOM
/// killer, and .NET's heap is sized below it), and the number of processes and threads. Null means no limit.
/// </summary>
public sealed record KernelResourceLimits
{
    public double? CpuCores { get; init; }

    public long? MemoryBytes { get; init; }

    public int? MaxProcesses { get; init; }

    public bool IsEmpty => CpuCores is null && MemoryBytes is null && MaxProcesses is null;
}
