using System.Globalization;
using System.Net;
using System.Text;

namespace AIStudio.Extensions.Agents.Display;

/// <summary>
/// What a cell shows of an agent call or a workflow while it runs and after: each agent's turn (its reply rendered from
/// markdown), each tool call collapsed under its name and arguments with the result inside, then the token usage and the
/// estimated cost. Thread-safe: tool calls may be reported from other threads than the stream.
/// </summary>
internal sealed class AgentTranscript
{
    private const int MaxShownToolText = 4000;
    private readonly Lock _gate = new();
    private readonly List<TranscriptEntry> _entries = [];
    private readonly List<string> _notes = [];
    private readonly Func<string, string> _redact;

    public AgentTranscript(string title, Func<string, string> redact)
    {
        Title = title;
        _redact = redact;
    }

    public string Title { get; }

    /// <summary>Whether agents speak at the same time (a concurrent workflow), their turns' text arriving interleaved.</summary>
    public bool Interleaved { get; init; }

    public bool Finished { get; private set; }

    public bool Failed { get; private set; }

    public TokenUsage Usage { get; private set; }

    public decimal? Cost { get; private set; }

    /// <summary>The text of every turn, in order (for the reply object and the tests).</summary>
    public string AllText
    {
        get
        {
            lock (_gate)
            {
                return string.Join("\n\n", _entries.Where(e => e.IsText).Select(e => e.Text!.ToString()));
            }
        }
    }

    /// <summary>The latest turn of <paramref name="agent"/>.</summary>
    public string LastTextOf(string agent)
    {
        lock (_gate)
        {
            return _entries.LastOrDefault(e => e.IsText && e.Agent == agent)?.Text!.ToString() ?? "";
        }
    }

    public void AppendText(string agent, string text, string? messageKey = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_gate)
        {
            // A turn goes on while the same message streams: in a concurrent workflow other agents' text may come in
            // between; otherwise another agent speaking, or a tool call, ends it.
            var turn = Interleaved ? _entries.LastOrDefault(e => e.Agent == agent) : _entries.LastOrDefault();
            if (turn is not { IsText: true } || turn.Agent != agent || turn.MessageKey != messageKey)
            {
                turn = new TranscriptEntry { Agent = agent, MessageKey = messageKey, Text = new StringBuilder() };
                _entries.Add(turn);
            }

            turn.Text!.Append(text);
        }
    }

    public void AddToolCall(string agent, string callId, string name, string arguments)
    {
        lock (_gate)
        {
            if (_entries.Any(e => e.ToolCallId == callId))
            {
                return;
            }

            _entries.Add(new TranscriptEntry { Agent = agent, ToolCallId = callId, ToolName = name, ToolArguments = arguments });
        }
    }

    public void CompleteToolCall(string callId, string result, bool failed)
    {
        lock (_gate)
        {
            if (_entries.LastOrDefault(e => e.ToolCallId == callId) is { } call)
            {
                call.ToolResult = result;
                call.ToolFailed = failed;
            }
        }
    }

    public void Note(string note)
    {
        lock (_gate)
        {
            _notes.Add(note);
        }
    }

    public void Finish(TokenUsage usage, decimal? cost, bool failed = false)
    {
        lock (_gate)
        {
            Usage = usage;
            Cost = cost;
            Finished = true;
            Failed = failed;
        }
    }

    public string ToHtml()
    {
        lock (_gate)
        {
            var html = new StringBuilder("<div class=\"aistudio-agent\" style=\"font-family:var(--jp-content-font-family,sans-serif)\">");
            html.Append("<div style=\"color:#666;font-size:90%\">").Append(Encode(Title)).Append("</div>");
            string? speaker = null;
            foreach (var entry in _entries)
            {
                if (entry.Agent != speaker)
                {
                    speaker = entry.Agent;
                    html.Append("<div style=\"margin-top:.5em\"><strong>").Append(Encode(entry.Agent)).Append("</strong></div>");
                }

                if (entry.IsText)
                {
                    html.Append("<div class=\"aistudio-agent-text\">").Append(MiniMarkdown.ToHtml(_redact(entry.Text!.ToString()))).Append("</div>");
                }
                else
                {
                    html.Append("<details class=\"aistudio-agent-tool\"><summary>")
                        .Append(entry.ToolResult is null ? "⏳ " : entry.ToolFailed ? "⚠️ " : "🔧 ")
                        .Append("<code>").Append(Encode(entry.ToolName!)).Append('(').Append(Encode(Shorten(entry.ToolArguments!, 200))).Append(")</code></summary>")
                        .Append("<div>arguments</div><pre>").Append(Encode(Shorten(entry.ToolArguments!, MaxShownToolText))).Append("</pre>")
                        .Append("<div>result</div><pre>").Append(Encode(entry.ToolResult is null ? "(running)" : Shorten(entry.ToolResult, MaxShownToolText))).Append("</pre></details>");
                }
            }

            if (!Finished)
            {
                html.Append("<div style=\"color:#888\">…</div>");
            }

            foreach (var note in _notes)
            {
                html.Append("<div style=\"color:#a60\">").Append(Encode(note)).Append("</div>");
            }

            if (Finished)
            {
                html.Append("<div class=\"aistudio-agent-usage\" style=\"color:#666;font-size:90%;margin-top:.5em\">")
                    .Append(Encode(UsageLine())).Append("</div>");
            }

            return html.Append("</div>").ToString();
        }
    }

    public string ToText()
    {
        lock (_gate)
        {
            var text = new StringBuilder(Title).Append('\n');
            string? speaker = null;
            foreach (var entry in _entries)
            {
                if (entry.Agent != speaker)
                {
                    speaker = entry.Agent;
                    text.Append('[').Append(entry.Agent).Append("]\n");
                }

                if (entry.IsText)
                {
                    text.Append(_redact(entry.Text!.ToString())).Append('\n');
                }
                else
                {
                    text.Append("  tool ").Append(entry.ToolName).Append('(').Append(_redact(Shorten(entry.ToolArguments!, 200))).Append(") -> ")
                        .Append(entry.ToolResult is null ? "(running)" : _redact(Shorten(entry.ToolResult, 500))).Append('\n');
                }
            }

            foreach (var note in _notes)
            {
                text.Append(note).Append('\n');
            }

            if (Finished)
            {
                text.Append(UsageLine());
            }
            else
            {
                text.Append('…');
            }

            return text.ToString();
        }
    }

    /// <summary>"done · 120 input + 30 output tokens · est. $0.000123" (or "cost unknown" when the endpoint has no prices).</summary>
    public string UsageLine() =>
        $"{(Failed ? "failed" : "done")} · {Usage} · {FormatCost(Cost)}";

    public static string FormatCost(decimal? cost) =>
        cost is { } c ? "est. $" + c.ToString(c < 0.01m ? "0.000000" : "0.0000", CultureInfo.InvariantCulture) : "cost unknown (no prices for this endpoint)";

    private string Encode(string text) => WebUtility.HtmlEncode(_redact(text));

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"… ({text.Length - max:N0} more characters)");
}
