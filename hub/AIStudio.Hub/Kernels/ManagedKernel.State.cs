using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Kernels;

/// <summary>A kernel's state: followed from the status messages on iopub, moved only along the legal transitions.</summary>
public sealed partial class ManagedKernel
{
    /// <summary>
    /// Follows the kernel's activity and execution state from an iopub message, on the receive path of the kernel's own
    /// connection, the hub's one iopub subscriber for the kernel: its subscription is the first, so the state has changed
    /// before a client link forwards the message (a client that saw <c>idle</c> and asks the API gets <c>idle</c>), and
    /// statuses come in the order the kernel published them. Returns false, so the message goes no further in this
    /// subscription.
    /// </summary>
    internal bool FollowIOPub(JupyterMessage message)
    {
        if (message.Channel != Channels.IOPub)
        {
            return false;
        }

        Touch();
        if (message.MessageType != MessageTypes.Status || !message.Content.TryGetProperty("execution_state", out var value))
        {
            return false;
        }

        var next = value.GetString() switch
        {
            "busy" => KernelState.Busy,
            "idle" => KernelState.Idle,
            _ => (KernelState?)null,
        };
        if (next is not { } state)
        {
            return false;
        }

        if (State is KernelState.Idle or KernelState.Busy or KernelState.Starting)
        {
            TryMove(state);
        }

        return false;
    }

    private bool TryMove(KernelState to)
    {
        KernelState from;
        lock (_lock)
        {
            from = _state;
            if (from == to)
            {
                return true;
            }

            if (!KernelStates.CanMove(from, to))
            {
                return false;
            }

            _state = to;
        }

        StateChanged?.Invoke(this, from, to);
        return true;
    }

    private void ForceMove(KernelState to)
    {
        KernelState from;
        lock (_lock)
        {
            from = _state;
            _state = to;
        }

        if (from != to)
        {
            StateChanged?.Invoke(this, from, to);
        }
    }
}
