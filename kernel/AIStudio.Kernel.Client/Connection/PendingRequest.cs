using System.Threading.Channels;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>A request in flight: its reply, and (when asked for) every message whose parent is the request.</summary>
internal sealed class PendingRequest(ChannelWriter<JupyterMessage>? related)
{
    public TaskCompletionSource<JupyterMessage> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Receives the reply and the iopub and stdin messages of the request, in arrival order.</summary>
    public ChannelWriter<JupyterMessage>? Related { get; } = related;
}
