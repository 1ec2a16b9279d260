using System.Collections.Concurrent;
using System.Text.Json;
using AIStudio.Kernel.Hosting;
using AIStudio.Kernel.Protocol;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Comms;

/// <summary>
/// Comm targets and open comms. A comm_open for a target nobody registered is answered with comm_close, as
/// ipykernel does, so the front-end doesn't wait on it.
/// </summary>
public sealed class CommManager
{
    private readonly ConcurrentDictionary<string, Action<Comm, JsonElement>> _targets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Comm> _comms = new(StringComparer.Ordinal);
    private readonly Outbox _outbox;
    private readonly KernelLog _log;

    internal CommManager(Outbox outbox, KernelLog log)
    {
        _outbox = outbox;
        _log = log;
    }

    /// <summary>The request whose output kernel-initiated comm messages belong to.</summary>
    internal MessageHeader? CurrentParent { get; set; }

    /// <summary>Registers a handler for comm_open messages with the given target name.</summary>
    public void RegisterTarget(string targetName, Action<Comm, JsonElement> onOpen)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        ArgumentNullException.ThrowIfNull(onOpen);
        _targets[targetName] = onOpen;
    }

    /// <summary>Opens a comm from the kernel to the front-end.</summary>
    public Comm Open(string targetName, JsonElement data)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        var comm = new Comm(this, Guid.NewGuid().ToString("N"), targetName);
        _comms[comm.Id] = comm;
        _outbox.Publish(MessageTypes.CommOpen, new CommOpen { CommId = comm.Id, TargetName = targetName, Data = data }, ProtocolJson.Default.CommOpen, CurrentParent);
        return comm;
    }

    internal CommInfoReply Info(string? targetName) => new()
    {
        Comms = _comms.Values
            .Where(c => targetName is null || c.TargetName == targetName)
            .ToDictionary(c => c.Id, c => new CommInfo { TargetName = c.TargetName }, StringComparer.Ordinal),
    };

    internal void OnOpen(JupyterMessage message)
    {
        var open = message.ContentAs(ProtocolJson.Default.CommOpen);
        if (!_targets.TryGetValue(open.TargetName, out var handler))
        {
            _log.Warn($"No comm target '{open.TargetName}': closing comm {open.CommId}.");
            _outbox.Publish(MessageTypes.CommClose, new CommClose { CommId = open.CommId }, ProtocolJson.Default.CommClose, message.Header);
            return;
        }

        var comm = new Comm(this, open.CommId, open.TargetName);
        _comms[comm.Id] = comm;
        var previous = CurrentParent;
        CurrentParent = message.Header;
        try
        {
            handler(comm, open.Data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"The handler of comm target '{open.TargetName}' failed", e);
        }
        finally
        {
            CurrentParent = previous;
        }
    }

    internal void OnMessage(JupyterMessage message)
    {
        var msg = message.ContentAs(ProtocolJson.Default.CommMsg);
        if (!_comms.TryGetValue(msg.CommId, out var comm))
        {
            _log.Warn($"comm_msg for unknown comm {msg.CommId} ignored.");
            return;
        }

        Dispatch(message, () => comm.OnMessage(msg.Data));
    }

    internal void OnClose(JupyterMessage message)
    {
        var close = message.ContentAs(ProtocolJson.Default.CommClose);
        if (!_comms.TryRemove(close.CommId, out var comm))
        {
            _log.Warn($"comm_close for unknown comm {close.CommId} ignored.");
            return;
        }

        comm.IsOpen = false;
        Dispatch(message, () => comm.OnClosed(close.Data));
    }

    internal void Send(Comm comm, JsonElement data)
    {
        if (!comm.IsOpen)
        {
            throw new InvalidOperationException($"Comm {comm.Id} is closed.");
        }

        _outbox.Publish(MessageTypes.CommMsg, new CommMsg { CommId = comm.Id, Data = data }, ProtocolJson.Default.CommMsg, CurrentParent);
    }

    internal void Close(Comm comm, JsonElement data)
    {
        if (_comms.TryRemove(comm.Id, out _))
        {
            comm.IsOpen = false;
            _outbox.Publish(MessageTypes.CommClose, new CommClose { CommId = comm.Id, Data = data }, ProtocolJson.Default.CommClose, CurrentParent);
        }
    }

    private void Dispatch(JupyterMessage message, Action action)
    {
        var previous = CurrentParent;
        CurrentParent = message.Header;
        try
        {
            action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"A comm handler failed on {message.MessageType}", e);
        }
        finally
        {
            CurrentParent = previous;
        }
    }
}
