namespace AIStudio.Hub.Hosting;

/// <summary>A refusal with an HTTP status, turned into a jupyter_server-shaped JSON error by the API.</summary>
public sealed class HubApiException : Exception
{
    public HubApiException()
    {
    }

    public HubApiException(string message)
        : base(message)
    {
    }

    public HubApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HubApiException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; } = StatusCodes.Status500InternalServerError;

    /// <summary>The error's reason in the JSON body; the status code's phrase when not set.</summary>
    public string? Reason { get; init; }

    public IResult ToResult() => ApiError.Result(StatusCode, Message, Reason ?? ReasonPhrases(StatusCode));

    private static string? ReasonPhrases(int statusCode) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : null;
}
