using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using AIStudio.Extensions.Agents.Endpoints;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Errors;

/// <summary>
/// Turns whatever the SDKs threw into one <see cref="AgentException"/> that says what happened and what to do: a rate
/// limit (with the wait the endpoint asked for), a refused key, an unknown model, a reply that is not OpenAI JSON, a
/// timeout, an endpoint that cannot be reached. The message is redacted of the endpoint's key, and the SDK's exception is
/// not kept (its text may quote the request).
/// </summary>
internal static class AgentErrors
{
    public static Exception Translate(Exception exception, ModelEndpoint endpoint, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AgentException)
        {
            return exception;
        }

        if (exception is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            // The cell was interrupted: not an endpoint failure.
            return exception;
        }

        var where = $"The model endpoint {endpoint.Name ?? endpoint.BaseUrl.ToString()} ({endpoint.Model})";
        var (status, retryAfter, body) = Response(exception);
        var message = status switch
        {
            429 => $"{where} is rate limiting requests (429 Too Many Requests){(retryAfter is { } wait ? $"; it asks to wait {Seconds(wait)} before retrying" : "")}" +
                   $"{(endpoint.MaxRetries > 0 ? $" (already retried {endpoint.MaxRetries} time{(endpoint.MaxRetries == 1 ? "" : "s")})" : "")}. Wait and run the cell again, or use an endpoint with a higher limit.",
            401 => $"{where} refused the API key (401 Unauthorized). Check the key on the hub's Model endpoints page (or the apiKey you passed).",
            403 => $"{where} refused the request (403 Forbidden): the key may not have access to the model '{endpoint.Model}'.",
            404 => $"{where} answered 404 Not Found: check the base URL ({endpoint.BaseUrl}) and that the model '{endpoint.Model}' exists there.",
            400 => $"{where} rejected the request (400 Bad Request){Detail(body)}.",
            >= 500 => $"{where} failed with a server error ({status}){Detail(body)}. Try again later.",
            { } other => $"{where} answered {other}{Detail(body)}.",
            null => Describe(exception, where, endpoint),
        };
        return new AgentException(endpoint.Redact(message)) { StatusCode = status, RetryAfter = retryAfter };
    }

    private static string Describe(Exception exception, string where, ModelEndpoint endpoint)
    {
        if (Find<TimeoutException>(exception) is not null || Find<TaskCanceledException>(exception) is not null || Find<OperationCanceledException>(exception) is not null)
        {
            return $"{where} did not answer within {Seconds(endpoint.Timeout)} (timeout). Try again, ask for a shorter reply, or raise the limit: endpoint.With(timeout: TimeSpan.FromMinutes(5)).";
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return $"{where} could not be reached at {endpoint.BaseUrl}: {http.Message}";
        }

        if (Find<JsonException>(exception) is not null || Find<FormatException>(exception) is not null
            || exception is KernelException or InvalidOperationException or ArgumentException or KeyNotFoundException or NullReferenceException)
        {
            return $"{where} sent a reply that is not valid OpenAI chat completions JSON ({First(exception).Message}). Check that the base URL points at an OpenAI-compatible API.";
        }

        return $"{where} failed: {exception.Message}";
    }

    private static (int? Status, TimeSpan? RetryAfter, string? Body) Response(Exception exception)
    {
        if (Find<ClientResultException>(exception) is { } client && client.Status > 0)
        {
            var response = client.GetRawResponse();
            TimeSpan? retryAfter = null;
            if (response is not null && response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
            {
                retryAfter = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - DateTimeOffset.UtcNow : null;
            }

            string? body = null;
            try
            {
                body = response?.Content?.ToString();
            }
            catch (InvalidOperationException)
            {
                // A streamed response whose body was not buffered.
            }

            return (client.Status, retryAfter, body);
        }

        if (Find<HttpOperationException>(exception) is { StatusCode: { } code } operation)
        {
            return ((int)code, null, operation.ResponseContent);
        }

        return Find<HttpRequestException>(exception) is { StatusCode: { } status } ? ((int)status, null, null) : (null, null, null);
    }

    private static string Detail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                var text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : error.ToString();
                return ": " + Shorten(text ?? "");
            }
        }
        catch (JsonException)
        {
            // Not JSON: show its start.
        }

        return ": " + Shorten(body);
    }

    private static string Shorten(string text) =>
        text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    private static string Seconds(TimeSpan time) =>
        time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " s";

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(f => f is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static Exception First(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null && e is KernelException or AggregateException)
        {
            e = e.InnerException;
        }

        return e;
    }
}
