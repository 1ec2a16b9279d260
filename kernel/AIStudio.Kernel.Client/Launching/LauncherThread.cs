using System.Collections.Concurrent;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// One thread, alive as long as the process, that starts every kernel process. Linux sends the parent-death signal
/// (bubblewrap's <c>--die-with-parent</c>, <c>setpriv --pdeathsig</c>) when the <em>thread</em> that forked the child
/// ends, not the process: a kernel forked from a thread-pool thread is killed when the pool retires that idle thread,
/// minutes later. Forking from this thread ties the signal to the launching process's life.
/// </summary>
internal static class LauncherThread
{
    private static readonly BlockingCollection<Action> Work = Start();

    /// <summary>Runs <paramref name="action"/> on the launcher thread and returns what it returns (or throws what it throws).</summary>
    public static Task<T> RunAsync<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    private static BlockingCollection<Action> Start()
    {
        var work = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            foreach (var action in work.GetConsumingEnumerable())
            {
                action();
            }
        })
        {
            IsBackground = true,
            Name = "AIStudio kernel launcher",
        };
        thread.Start();
        return work;
    }
}
