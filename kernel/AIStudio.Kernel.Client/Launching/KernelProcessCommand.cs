using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// The process a local launcher starts: argv, working directory and environment (null values remove a variable), and the
/// paths a sandbox must leave writable besides the working directory.
/// </summary>
public sealed record KernelProcessCommand(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment)
{
    public IReadOnlyList<string> WritablePaths { get; init; } = [];

    /// <summary>Whether the kernel is to have a network namespace of its own (true), the host's network (false), or the sandbox's default (null).</summary>
    public bool? IsolateNetwork { get; init; }

    /// <summary>Whether the command already kills the kernel when the launching process dies (a sandbox that does it).</summary>
    public bool DiesWithParent { get; init; }

    /// <summary>
    /// Where a kernel without network exposes its ports as Unix sockets (<see cref="KernelSocketRelays"/>): the launcher
    /// then relays the connection's loopback ports to them. Null: the kernel's ports are reached directly.
    /// </summary>
    public string? SocketDirectory { get; init; }
}
