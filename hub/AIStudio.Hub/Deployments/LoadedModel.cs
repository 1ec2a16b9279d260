using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// A version's ONNX Runtime session, shared by concurrent requests (<see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe) and disposed only when it is retired (its deployment deleted) and the last request using it is done.
/// </summary>
public sealed class LoadedModel(InferenceSession session)
{
    // One reference for the cache itself, one for each request running on the session.
    private int _references = 1;
    private int _retired;

    public InferenceSession Session { get; } = session;

    /// <summary>The options of every run on the session (defaults; ONNX Runtime only reads them, so requests share them).</summary>
    public RunOptions RunOptions { get; } = new();

    /// <summary>Takes a reference for a request; false when the model is retired and about to be disposed.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Session.Dispose();
            RunOptions.Dispose();
        }
    }

    /// <summary>Drops the cache's reference: the session is disposed now, or when the last request on it ends.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            Release();
        }
    }
}
