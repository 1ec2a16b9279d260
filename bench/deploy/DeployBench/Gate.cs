/// <summary>
/// A worker's turns, given by the pacer thread at their due times: <see cref="Release"/> lets the worker's next request go
/// (at once, on the pacer's thread, when the worker is waiting; later, when it is still busy with its last one);
/// <see cref="WaitAsync"/> waits for it. The worker's continuation runs on the pacer's thread up to its first real wait
/// (sending is a non-blocking system call), so no thread-pool hop sits between the due time and the request.
/// </summary>
internal sealed class Gate
{
    private readonly Lock _lock = new();
    private int _released;
    private TaskCompletionSource? _waiter;

    public void Release()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _released++;
                return;
            }
        }

        waiter.SetResult();
    }

    public Task WaitAsync()
    {
        lock (_lock)
        {
            if (_released > 0)
            {
                _released--;
                return Task.CompletedTask;
            }

            _waiter = new TaskCompletionSource();
            return _waiter.Task;
        }
    }
}
