using System.Text.Json.Serialization;

namespace AIStudio.Hub.Plans;

/// <summary>This month's use of a user or organization, beside the plan's limits: kernel and GPU time, storage, and agents' model tokens and estimated cost.</summary>
public sealed record UsageModel(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("kernel_seconds")] double KernelSeconds,
    [property: JsonPropertyName("gpu_seconds")] double GpuSeconds,
    [property: JsonPropertyName("storage_bytes")] long StorageBytes,
    [property: JsonPropertyName("running_kernels")] int RunningKernels,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("plan")] Plan Plan,
    [property: JsonPropertyName("agent_input_tokens")] long AgentInputTokens,
    [property: JsonPropertyName("agent_output_tokens")] long AgentOutputTokens,
    [property: JsonPropertyName("agent_cost_usd")] double AgentCostUsd);
