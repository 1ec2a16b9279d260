using System.Text.Json.Serialization;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Kernels;

/// <summary>A kernel as jupyter_server's REST API shows it.</summary>
public sealed record KernelModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("last_activity")] string LastActivity,
    [property: JsonPropertyName("execution_state")] string ExecutionState,
    [property: JsonPropertyName("connections")] int Connections)
{
    public static KernelModel From(ManagedKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new KernelModel(kernel.Id, kernel.Name, MessageHeader.FormatDate(kernel.LastActivity), KernelStates.ToExecutionState(kernel.State), kernel.Connections);
    }
}
