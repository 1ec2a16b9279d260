using AIStudio.Kernel.Output;

namespace AIStudio.Kernel.Scripting;

/// <summary>
/// The output sink of the cell that runs now. Output written after a cell has ended (by a background thread)
/// goes to the most recent cell, as in IPython.
/// </summary>
internal static class ExecutionScope
{
    private static volatile IOutputSink? s_current;

    public static IOutputSink? Current
    {
        get => s_current;
        set => s_current = value;
    }
}
