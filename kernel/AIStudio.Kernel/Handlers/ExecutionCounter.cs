namespace AIStudio.Kernel.Handlers;

/// <summary>The execution count, as IPython keeps it: it goes up for each stored (non-silent) execution.</summary>
internal sealed class ExecutionCounter
{
    private int _count;

    public int Current => Volatile.Read(ref _count);

    public int Next() => Interlocked.Increment(ref _count);
}
