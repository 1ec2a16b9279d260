using System.Text;

namespace AIStudio.Extensions.Agents.Display;

/// <summary>One part of a transcript: an agent's text (<see cref="Text"/> not null) or a tool call and its result.</summary>
internal sealed class TranscriptEntry
{
    public required string Agent { get; init; }

    /// <summary>Which message of the agent this text belongs to: a new key starts a new turn.</summary>
    public string? MessageKey { get; init; }

    public StringBuilder? Text { get; init; }

    public string? ToolCallId { get; init; }

    public string? ToolName { get; init; }

    public string? ToolArguments { get; init; }

    public string? ToolResult { get; set; }

    public bool ToolFailed { get; set; }

    public bool IsText => Text is not null;
}
