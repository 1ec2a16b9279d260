using System.Runtime.CompilerServices;
using AIStudio.Kernel.Output;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Kernel.Scripting;

/// <summary>
/// The output sink of the cell that runs now. Output written after a cell has ended (by a background thread)
/// goes to the most recent cell, as in IPython. Code that a cell's code submits to the kernel itself (an extension's
/// <c>SendAsync(new SubmitCode(…))</c>, such as an agent's C# tool) is a nested submission: what it prints is published as
/// .NET Interactive events of that submission, as the stock C# kernel does, so its sender reads it in the command's
/// result (the events reach the cell's output too).
/// </summary>
internal static class ExecutionScope
{
    private static readonly ConditionalWeakTable<KernelCommand, object> Nested = [];
    private static readonly AsyncLocal<Submission?> Running = new();
    private static volatile IOutputSink? s_current;

    public static IOutputSink? Current
    {
        get => s_current;
        set => s_current = value;
    }

    /// <summary>
    /// Runs a submission's code from here until the returned scope is disposed (on the code's own flow: threads and tasks it
    /// starts inherit it). One that starts while another submission's code runs is nested.
    /// </summary>
    public static IDisposable Enter(KernelCommand command, KernelInvocationContext context)
    {
        var outer = Running.Value;
        if (outer is not null)
        {
            Nested.AddOrUpdate(command, new object());
        }

        Running.Value = new Submission(command, context, Nested: outer is not null);
        return new Exit(outer);
    }

    /// <summary>Whether the command was submitted by code of a running cell (its events are not the cell's own).</summary>
    public static bool IsNested(KernelCommand? command) => command is not null && Nested.TryGetValue(command, out _);

    /// <summary>Writes stream text: to the running nested submission's events when there is one, else to the cell's sink.</summary>
    public static void WriteStream(string name, string text)
    {
        if (Running.Value is { Nested: true } submission)
        {
            FormattedValue[] values = [new(PlainTextFormatter.MimeType, text)];
            submission.Context.Publish(name == "stderr"
                ? new StandardErrorValueProduced(submission.Command, values)
                : new StandardOutputValueProduced(submission.Command, values));
            return;
        }

        Current?.WriteStream(name, text);
    }

    private sealed record Submission(KernelCommand Command, KernelInvocationContext Context, bool Nested);

    private sealed class Exit(Submission? outer) : IDisposable
    {
        public void Dispose() => Running.Value = outer;
    }
}
