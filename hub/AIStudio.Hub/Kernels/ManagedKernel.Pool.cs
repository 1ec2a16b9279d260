using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Hub.Kernels;

/// <summary>A kernel of the warm pool: warmed up with a spare client link, then claimed by and moved to its owner.</summary>
public sealed partial class ManagedKernel
{
    /// <summary>Gives a kernel from the warm pool to its owner: metering starts now.</summary>
    internal void Claim(KernelOwner owner)
    {
        Owner = owner;
        // A warm kernel started under the strictest plan's limits: its owner's plan from now on.
        Process.Cgroup?.Apply(owner.Limits ?? new KernelResourceLimits());
        StartedAt = _time.GetUtcNow();
        MeteredUntil = StartedAt;
        Touch();
    }

    /// <summary>
    /// Moves a running kernel (one from the warm pool) to the owner's directory and variables: a silent cell of <c>#!cd</c>
    /// and <c>#!set-env</c> lines, which aistudio-kernel runs at once (neither compiled nor passed through .NET Interactive's
    /// pipeline), and the directory kept for restarts.
    /// </summary>
    internal async Task MoveToAsync(string directory, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A kernel started before its owner was known gets the owner's variables now, as a cold start gets them at launch:
        // directives only, which the kernel runs without compiling a cell (a C# cell setting them took ~60 ms).
        var code = ChangeDirectoryCell(directory) + string.Concat(environment.Select(v =>
            $"\n#!set-env --name {QuotedArgument(v.Key)}" + (v.Value is null ? "" : $" --value {QuotedArgument(v.Value)}")));
        var result = await Connection.ExecuteAsync(code, new ExecuteOptions { Silent = true, StoreHistory = false }, cancellationToken).ConfigureAwait(false);
        if (result.ReplyContent.Status != "ok")
        {
            throw new InvalidOperationException($"Kernel {Id} could not change to its working directory: {result.ReplyContent.ExceptionValue}");
        }

        WorkingDirectory = directory;
    }

    /// <summary>
    /// Runs a silent cell, so that a kernel enters the warm pool with its C# engine compiled and warm: whoever takes it
    /// pays milliseconds for the move and their first cell, not seconds.
    /// </summary>
    internal async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A cell of the move's form, then an expression with a result (not silent: its formatting is warmed too; no
        // client listens yet, and nothing is counted or kept in the history).
        await WarmUpCellAsync(ChangeDirectoryCell(WorkingDirectory) + "\n#!set-env --name \"AISTUDIO_USER\"", silent: true, cancellationToken).ConfigureAwait(false);
        await WarmUpCellAsync("1 + 1", silent: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task WarmUpCellAsync(string code, bool silent, CancellationToken cancellationToken)
    {
        var result = await Connection.ExecuteAsync(code, new ExecuteOptions { Silent = silent, StoreHistory = false }, cancellationToken).ConfigureAwait(false);
        if (result.ReplyContent.Status != "ok")
        {
            throw new InvalidOperationException($"Kernel {Id} failed its warm-up cell: {result.ReplyContent.ExceptionValue}");
        }
    }

    /// <summary><c>#!cd "DIRECTORY"</c>.</summary>
    private static string ChangeDirectoryCell(string directory) => "#!cd " + QuotedArgument(directory);

    /// <summary>A directive's argument in double quotes, quotes and backslashes escaped with a backslash; a line break cannot be passed.</summary>
    private static string QuotedArgument(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') >= 0
            ? throw new InvalidOperationException("A line break cannot be passed to a kernel directive.")
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Opens, for a kernel in the warm pool, the link its first client will use: that client's WebSocket then skips the
    /// ZeroMQ connect and kernel_info round.
    /// </summary>
    internal async Task PrepareSpareLinkAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var link = await ClientLink.OpenAsync(this, logger, cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _spare, link) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The link opened by <see cref="PrepareSpareLinkAsync"/>, emptied of what it heard meanwhile (the hub's own cells), or null.</summary>
    internal ClientLink? TakeSpareLink()
    {
        var link = Interlocked.Exchange(ref _spare, null);
        link?.Messages.Discard();
        return link;
    }
}
