namespace AIStudio.Extensions.Agents;

/// <summary>
/// An agent call that failed, with one message that says what happened and what to do (rate limited, the key was
/// refused, the reply was malformed, the model took too long, the plan does not include orchestration). The message never
/// contains an API key, and the exception prints as its message alone: a notebook shows one clear error, not a stack trace.
/// </summary>
public sealed class AgentException : Exception
{
    public AgentException()
    {
    }

    public AgentException(string message)
        : base(message)
    {
    }

    public AgentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the endpoint or hub answered with, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the endpoint asked to wait before trying again (429's Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public override string ToString() => $"{nameof(AgentException)}: {Message}";
}
