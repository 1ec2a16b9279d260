using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>Settings of a <see cref="KernelConnection"/>.</summary>
public sealed record KernelConnectionOptions
{
    /// <summary>The session id written in every header; also the ZeroMQ identity of the shell, control and stdin sockets. Random when null.</summary>
    public string? Session { get; init; }

    /// <summary>The username written in every header.</summary>
    public string Username { get; init; } = "aistudio";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where dropped (unsigned, forged, malformed) messages and socket trouble are reported.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// How long <see cref="KernelConnection.WaitForReadyAsync"/> waits for one kernel_info round (the reply and an iopub
    /// message of that request) before it asks again. It doubles after each silent round, up to eight times this.
    /// </summary>
    public TimeSpan ReadyAttemptInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the connection subscribes to iopub (the default). A connection that only needs its own replies (shell,
    /// control, stdin), where another connection to the same kernel already hears iopub, leaves it off: the kernel then
    /// publishes to one subscriber less, and nobody receives, verifies and parses each iopub message twice.
    /// <see cref="KernelConnection.WaitForReadyAsync"/> then waits for the kernel_info reply alone; the helpers that collect
    /// a request's iopub messages (<see cref="KernelConnection.ExecuteAsync"/>) need it on.
    /// </summary>
    public bool IOPub { get; init; } = true;

    /// <summary>The ZeroMQ reconnect interval: how soon sockets find a kernel that binds after they connected.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}
