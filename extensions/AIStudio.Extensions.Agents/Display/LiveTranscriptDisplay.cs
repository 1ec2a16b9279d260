using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents.Display;

/// <summary>
/// Shows a transcript as one output of the running cell, replaced in place as the reply streams: a
/// <see cref="DisplayedValueProduced"/>, then <see cref="DisplayedValueUpdated"/> events with the same value id (Jupyter's
/// <c>display_data</c> and <c>update_display_data</c> with one <c>display_id</c>; published directly, as the Training
/// extension's live display does, because .NET Interactive's <c>DisplayedValue</c> updates carry another id in this beta).
/// Updates come at most every <see cref="MinimumInterval"/>; the final one always shows. Without a notebook (no invocation
/// context) it prints plain text lines: each tool call as it completes, then the whole transcript.
/// </summary>
internal sealed class LiveTranscriptDisplay
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private readonly AgentTranscript _transcript;
    private readonly KernelInvocationContext? _context;
    private readonly TimeProvider _clock;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private long _lastShown;

    private LiveTranscriptDisplay(AgentTranscript transcript, KernelInvocationContext? context, TimeProvider clock)
    {
        _transcript = transcript;
        _context = context;
        _clock = clock;
    }

    public bool InNotebook => _context is not null;

    /// <summary>How many updates were published after the first display.</summary>
    public int UpdateCount { get; private set; }

    public static LiveTranscriptDisplay Show(AgentTranscript transcript, TimeProvider? clock = null)
    {
        var display = new LiveTranscriptDisplay(transcript, KernelInvocationContext.Current, clock ?? TimeProvider.System);
        if (display._context is { } context)
        {
            context.Publish(new DisplayedValueProduced(transcript, context.Command, display.Formatted(), display._id));
        }

        display._lastShown = display._clock.GetTimestamp();
        return display;
    }

    /// <summary>Shows the transcript as it is now, unless the last update was less than <see cref="MinimumInterval"/> ago.</summary>
    public void Refresh() => Publish(force: false);

    /// <summary>Shows the final transcript (always).</summary>
    public void Complete()
    {
        Publish(force: true);
        if (_context is null)
        {
            Console.WriteLine(_transcript.ToText());
        }
    }

    /// <summary>Outside a notebook, one line as a tool call completes.</summary>
    public void Line(string text)
    {
        if (_context is null)
        {
            Console.WriteLine(text);
        }
    }

    private void Publish(bool force)
    {
        if (_context is not { } context)
        {
            return;
        }

        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (!force && _clock.GetElapsedTime(_lastShown, now) < MinimumInterval)
            {
                return;
            }

            _lastShown = now;
            UpdateCount++;
            context.Publish(new DisplayedValueUpdated(_transcript, _id, context.Command, Formatted()));
        }
    }

    private FormattedValue[] Formatted() =>
    [
        new(HtmlFormatter.MimeType, _transcript.ToHtml()),
        new(PlainTextFormatter.MimeType, _transcript.ToText()),
    ];
}
