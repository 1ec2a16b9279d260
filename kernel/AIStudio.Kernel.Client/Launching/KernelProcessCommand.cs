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

    /// <summary>Whether the command already kills the kernel when the launching process dies (a sandbox that does it).</summary>
    public bool DiesWithParent { get; init; }
}
