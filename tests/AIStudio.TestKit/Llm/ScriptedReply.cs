namespace AIStudio.TestKit.Llm;

/// <summary>One answer the scripted endpoint gives to the next chat completions request.</summary>
public sealed record ScriptedReply
{
    public string? Text { get; init; }

    /// <summary>A tool call: the function whose name ends with this (the SDKs prefix plugin names differently).</summary>
    public string? ToolSuffix { get; init; }

    public string ToolArguments { get; init; } = "{}";

    public int InputTokens { get; init; } = 10;

    public int OutputTokens { get; init; } = 5;

    /// <summary>How many SSE chunks the text is cut into.</summary>
    public int Chunks { get; init; } = 3;

    public int Status { get; init; } = 200;

    public string? RetryAfter { get; init; }

    /// <summary>A raw body sent instead of valid JSON (for streaming, as one SSE data line).</summary>
    public string? Malformed { get; init; }

    public TimeSpan Delay { get; init; }

    public static ScriptedReply Say(string text, int input = 10, int output = 5, int chunks = 3) =>
        new() { Text = text, InputTokens = input, OutputTokens = output, Chunks = chunks };

    public static ScriptedReply Call(string toolSuffix, string arguments, int input = 20, int output = 8) =>
        new() { ToolSuffix = toolSuffix, ToolArguments = arguments, InputTokens = input, OutputTokens = output };

    public static ScriptedReply Fail(int status, string body, string? retryAfter = null) =>
        new() { Status = status, Malformed = body, RetryAfter = retryAfter };
}
