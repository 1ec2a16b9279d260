using System.Text.Json.Serialization;

namespace AIStudio.Hub.Plans;

/// <summary>This month's use of a user or organization, beside the plan's limits.</summary>
public sealed record UsageModel(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("kernel_seconds")] double KernelSeconds,
    [property: JsonPropertyName("gpu_seconds")] double GpuSeconds,
    [property: JsonPropertyName("storage_bytes")] long StorageBytes,
    [property: JsonPropertyName("running_kernels")] int RunningKernels,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("plan")] Plan Plan);
