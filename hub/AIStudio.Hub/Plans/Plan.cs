using System.Text.Json.Serialization;

namespace AIStudio.Hub.Plans;

/// <summary>
/// What a plan allows. A null limit means no limit. <see cref="KernelNetwork"/> is what its kernels may reach:
/// <c>full</c> (the internet), <c>packages</c> (package feeds only), <c>none</c>.
/// </summary>
public sealed record Plan(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("gpu_kernels")] bool GpuKernels,
    [property: JsonPropertyName("gpu_seconds_per_month")] double? GpuSecondsPerMonth,
    [property: JsonPropertyName("storage_bytes")] long? StorageBytes,
    [property: JsonPropertyName("projects")] int? Projects,
    [property: JsonPropertyName("concurrent_kernels")] int? ConcurrentKernels,
    [property: JsonPropertyName("agent_orchestration")] bool AgentOrchestration,
    [property: JsonPropertyName("deployment_requests_per_minute")] int? DeploymentRequestsPerMinute = null,
    [property: JsonPropertyName("kernel_cpus")] double? KernelCpus = null,
    [property: JsonPropertyName("kernel_memory_bytes")] long? KernelMemoryBytes = null,
    [property: JsonPropertyName("kernel_processes")] int? KernelProcesses = null,
    [property: JsonPropertyName("kernel_network")] Egress.KernelNetwork KernelNetwork = Egress.KernelNetwork.Full)
{
    /// <summary>What each kernel of this plan may use (its whole process tree), as the launcher enforces it.</summary>
    public Kernel.Client.Launching.KernelResourceLimits KernelLimits => new()
    {
        CpuCores = KernelCpus,
        MemoryBytes = KernelMemoryBytes,
        MaxProcesses = KernelProcesses,
    };
}
