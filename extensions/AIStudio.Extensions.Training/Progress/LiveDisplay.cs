using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Training.Progress;

/// <summary>
/// One output of the running cell that is replaced in place: a <see cref="DisplayedValueProduced"/> and then
/// <see cref="DisplayedValueUpdated"/> events with the same value id (Jupyter's <c>display_data</c> and
/// <c>update_display_data</c> with one <c>display_id</c>). Published directly rather than through .NET Interactive's
/// <c>DisplayedValue</c>, whose updates carry a different id than its first display (1.0.0-beta.26120.1), which leaves
/// a Jupyter front-end nothing to update. Without a notebook (no invocation context) it writes text lines instead.
/// </summary>
internal sealed class LiveDisplay
{
    private static readonly string[] MimeTypes = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];
    private readonly KernelInvocationContext? _context;
    private readonly string _id = Guid.NewGuid().ToString("N");

    private LiveDisplay(KernelInvocationContext? context) => _context = context;

    public bool InNotebook => _context is not null;

    /// <summary>The root kernel of the cell's notebook, or null outside one.</summary>
    public Kernel? RootKernel => _context?.HandlingKernel?.RootKernel;

    public static LiveDisplay Show(object value)
    {
        var display = new LiveDisplay(KernelInvocationContext.Current);
        if (display._context is { } context)
        {
            context.Publish(new DisplayedValueProduced(value, context.Command, FormattedValue.CreateManyFromObject(value, MimeTypes), display._id));
        }
        else
        {
            Console.WriteLine(value);
        }

        return display;
    }

    public void Update(object value)
    {
        if (_context is { } context)
        {
            context.Publish(new DisplayedValueUpdated(value, _id, context.Command, FormattedValue.CreateManyFromObject(value, MimeTypes)));
        }
        else
        {
            Console.WriteLine(value);
        }
    }
}
