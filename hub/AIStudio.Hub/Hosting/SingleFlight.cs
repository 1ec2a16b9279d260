using System.Collections.Concurrent;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// One load at a time per key, whatever the number of requests that want it: callers that arrive while a load runs wait
/// for the same answer. The load runs on the thread pool (not on the first request's thread) and no one request's
/// cancellation stops it. With a cache in front this keeps a burst of requests for an expired entry from turning into a
/// burst of database queries (SQLite runs its queries on the calling thread, and a writer that finds the database busy
/// sleeps).
/// </summary>
public sealed class SingleFlight<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<TValue>> _running = new(comparer);

    /// <summary>
    /// The load of <paramref name="key"/> under way, else a new one of <paramref name="load"/>; a caller that does not
    /// await it (a refresh while a cache answers from what it has) may drop it.
    /// </summary>
    public Task<TValue> RunAsync(TKey key, Func<Task<TValue>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        while (true)
        {
            if (_running.TryGetValue(key, out var running))
            {
                return running;
            }

            var start = new TaskCompletionSource<Task<TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = start.Task.Unwrap();
            if (!_running.TryAdd(key, task))
            {
                continue;
            }

            _ = task.ContinueWith(
                done =>
                {
                    // Observed here, so a load nobody awaits (a refresh in the background) never goes unobserved; whoever
                    // awaits it still gets its exception, and the next request tries again.
                    _ = done.Exception;
                    _running.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, done));
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            start.SetResult(Task.Run(load));
            return task;
        }
    }
}
