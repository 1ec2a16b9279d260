using System.Text.Json;

namespace AIStudio.Kernel.Comms;

/// <summary>One open comm between the kernel and a front-end (the channel widgets and extensions talk over).</summary>
public sealed class Comm
{
    private readonly CommManager _manager;

    internal Comm(CommManager manager, string id, string targetName)
    {
        _manager = manager;
        Id = id;
        TargetName = targetName;
    }

    public string Id { get; }

    public string TargetName { get; }

    public bool IsOpen { get; internal set; } = true;

    /// <summary>Raised with the data of each comm_msg the front-end sends.</summary>
    public event Action<JsonElement>? MessageReceived;

    /// <summary>Raised when the front-end closes the comm.</summary>
    public event Action<JsonElement>? Closed;

    /// <summary>Sends a comm_msg to the front-end.</summary>
    public void Send(JsonElement data) => _manager.Send(this, data);

    /// <summary>Closes the comm from the kernel's side.</summary>
    public void Close() => _manager.Close(this, JsonDocument.Parse("{}").RootElement);

    internal void OnMessage(JsonElement data) => MessageReceived?.Invoke(data);

    internal void OnClosed(JsonElement data) => Closed?.Invoke(data);
}
