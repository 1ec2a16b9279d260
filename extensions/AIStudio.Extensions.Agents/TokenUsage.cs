namespace AIStudio.Extensions.Agents;

/// <summary>Tokens a model read (input, the prompt) and wrote (output, the completion), as the endpoint reported them.</summary>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens)
{
    public long TotalTokens => InputTokens + OutputTokens;

    public static TokenUsage operator +(TokenUsage left, TokenUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);

    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;

    public override string ToString() =>
        FormattableString.Invariant($"{InputTokens:N0} input + {OutputTokens:N0} output tokens");
}
