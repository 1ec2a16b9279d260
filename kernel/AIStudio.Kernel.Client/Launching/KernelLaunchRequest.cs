using AIStudio.Kernel.Client.Specs;
using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>What to start: a kernelspec, in a working directory, with extra environment.</summary>
public sealed record KernelLaunchRequest
{
    public required KernelSpec Spec { get; init; }

    /// <summary>The kernel's working directory; the launcher's current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables on top of the inherited ones and the spec's env; a null value removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// Ports and key to reuse (a restart keeps them, so connected clients reconnect by themselves); fresh free ports and a
    /// new key when null.
    /// </summary>
    public ConnectionInfo? Connection { get; init; }

    /// <summary>Files and directories a sandbox must leave writable besides the working directory (a history file, a package cache).</summary>
    public IReadOnlyList<string> WritablePaths { get; init; } = [];

    /// <summary>The kernel's id; a new one when null.</summary>
    public string? KernelId { get; init; }

    /// <summary>
    /// Whether the kernel gets a network namespace of its own (true), the host's network (false), or what the sandbox
    /// gives by default (null). True needs a sandbox that can do it (<see cref="BubblewrapSandbox"/>).
    /// </summary>
    public bool? IsolateNetwork { get; init; }

    /// <summary>The ways out of a kernel without network (the hub, a proxy), served by the caller; ignored with network.</summary>
    public IReadOnlyList<KernelLink> Links { get; init; } = [];

    /// <summary>CPU, memory and process limits of the kernel's whole process tree (a control group, where the launcher makes them).</summary>
    public KernelResourceLimits? Limits { get; init; }
}
