namespace AIStudio.Kernel.Hosting;

/// <summary>What the kernel process was started with.</summary>
internal sealed record KernelOptions
{
    public required string ConnectionFile { get; init; }

    /// <summary>Where history is kept (JSON lines); null keeps it in memory only.</summary>
    public string? HistoryFile { get; init; }

    public bool Verbose { get; init; }

    /// <summary>The longest message accepted on any socket; larger ones are dropped by ZeroMQ.</summary>
    public long MaxMessageBytes { get; init; } = 256L * 1024 * 1024;
}
