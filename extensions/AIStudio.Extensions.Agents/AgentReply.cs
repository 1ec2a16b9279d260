namespace AIStudio.Extensions.Agents;

/// <summary>What an agent call or a workflow produced: the reply's text, the tools called, the tokens used and the estimated cost.</summary>
public sealed record AgentReply
{
    /// <summary>The reply (for a workflow, every agent's turns in order, separated by blank lines).</summary>
    public string Text { get; init; } = "";

    /// <summary>The last agent's last turn (for a single agent, the same as <see cref="Text"/>).</summary>
    public string FinalText { get; init; } = "";

    public IReadOnlyList<string> ToolCalls { get; init; } = [];

    public TokenUsage Usage { get; init; }

    /// <summary>US dollars, estimated from the endpoints' prices; null when a price is unknown.</summary>
    public decimal? Cost { get; init; }

    public override string ToString() => Text;
}
