namespace AIStudio.Kernel.Client.Launching;

/// <summary>Settings of <see cref="BubblewrapSandbox"/>.</summary>
public sealed record BubblewrapOptions
{
    public string BwrapPath { get; init; } = "bwrap";

    public string PrlimitPath { get; init; } = "prlimit";

    /// <summary>Directories the kernel must not see (replaced by empty ones), e.g. the hub's data directory.</summary>
    public IReadOnlyList<string> HiddenPaths { get; init; } = [];

    /// <summary>The managed heap's hard limit in bytes (null: none); the kernel gets an OutOfMemoryException past it, not the machine.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>
    /// No network: the kernel gets a network namespace of its own (only its loopback), and its ports are reached through
    /// Unix sockets in a folder of the runtime directory (<see cref="AIStudio.Kernel.Protocol.Connection.KernelSocketRelays"/>).
    /// </summary>
    public bool IsolateNetwork { get; init; }

    /// <summary>RLIMIT_NOFILE.</summary>
    public int MaxOpenFiles { get; init; } = 4096;

    /// <summary>RLIMIT_FSIZE: the largest file the kernel may write.</summary>
    public long MaxFileSizeBytes { get; init; } = 4L * 1024 * 1024 * 1024;
}
