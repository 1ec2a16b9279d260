namespace AIStudio.Courses.Grading;

/// <summary>
/// Samples a kernel's resident memory (its process tree) while it grades; over the cap it runs the kill action once
/// and completes <see cref="Exceeded"/>.
/// </summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private readonly TaskCompletionSource _exceeded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemoryWatch(int? processId, long? limitBytes, TimeSpan interval, TimeProvider time, Func<Task> kill)
    {
        _loop = processId is { } pid && OperatingSystem.IsLinux()
            ? Task.Run(() => WatchAsync(pid, limitBytes, interval, time, kill))
            : Task.CompletedTask;
    }

    /// <summary>Completes once the cap was passed and the kill action ran (the kernel's exit may be seen before this).</summary>
    public Task Exceeded => _exceeded.Task;

    /// <summary>The most memory seen; recorded before a kill, so over the cap once the cap was passed.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(int pid, long? limit, TimeSpan interval, TimeProvider time, Func<Task> kill)
    {
        using var timer = new PeriodicTimer(interval, time);
        var tree = new ProcessTreeMemory(pid);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var bytes = tree.ResidentBytes();
            if (bytes > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, bytes);
            }

            if (limit is { } cap && bytes > cap)
            {
                await kill().ConfigureAwait(false);
                _exceeded.TrySetResult();
                return;
            }
        }
    }
}
