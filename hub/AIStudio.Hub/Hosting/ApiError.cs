using System.Text.Json.Serialization;

namespace AIStudio.Hub.Hosting;

/// <summary>An error body as jupyter_server writes it: <c>{"message": …, "reason": …}</c>.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("reason")] string? Reason = null)
{
    /// <summary>A JSON error result with the status code.</summary>
    public static IResult Result(int statusCode, string message, string? reason = null) =>
        Results.Json(new ApiError(message, reason), statusCode: statusCode);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, message, "Not Found");

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, message, "Bad Request");

    public static IResult Conflict(string message) => Result(StatusCodes.Status409Conflict, message, "Conflict");
}
