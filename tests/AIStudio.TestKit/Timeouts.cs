namespace AIStudio.TestKit;

/// <summary>How long tests wait, so that a failure is a failure and not a hang. Generous: CI has two cores.</summary>
public static class Timeouts
{
    /// <summary>From process start to a kernel_info reply with iopub live.</summary>
    public static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    /// <summary>The first execute of a kernel, which compiles C# cold.</summary>
    public static readonly TimeSpan FirstExecute = TimeSpan.FromSeconds(60);

    /// <summary>Any later request and its reply.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);

    /// <summary>A process exiting after shutdown or kill.</summary>
    public static readonly TimeSpan Exit = TimeSpan.FromSeconds(20);

    /// <summary>A cancellation token source that fires after <paramref name="timeout"/>.</summary>
    public static CancellationTokenSource After(TimeSpan timeout) => new(timeout);
}
