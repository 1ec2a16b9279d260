using System.ComponentModel;

namespace AIStudio.Kernel.Scripting;

/// <summary>
/// Calls that the kernel weaves into each submitted cell (see <c>InterruptRewriter</c>): <see cref="Enter"/> at the
/// start of the cell's statements and <see cref="Check"/> at loop back-edges and method entries, so that an interrupt
/// stops even a busy loop. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellRuntime
{
    private static volatile bool s_interruptRequested;

    internal static TextWriter? StandardOutput { get; set; }

    internal static TextWriter? StandardError { get; set; }

    internal static bool InterruptRequested
    {
        get => s_interruptRequested;
        set => s_interruptRequested = value;
    }

    /// <summary>What the engine is told when a cell's code starts (the running cell's, set by the engine).</summary>
    internal static Action? Entered { get; set; }

    /// <summary>Binds the console to the kernel's streams for this cell and clears an interrupt left from before.</summary>
    public static void Enter()
    {
        if (StandardOutput is { } output)
        {
            Console.SetOut(output);
        }

        if (StandardError is { } error)
        {
            Console.SetError(error);
        }

        try
        {
            // A Thread.Interrupt() that arrived after the previous cell had stopped waiting is still pending on
            // this thread: consume it here so it cannot break this cell's first wait.
            Thread.Sleep(0);
        }
        catch (ThreadInterruptedException)
        {
        }

        Entered?.Invoke();
        Check();
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the user has asked to interrupt the cell.</summary>
    public static void Check()
    {
        if (s_interruptRequested)
        {
            throw new OperationCanceledException("The cell was interrupted.");
        }
    }
}
