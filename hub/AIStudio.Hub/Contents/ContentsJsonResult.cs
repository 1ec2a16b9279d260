using System.Text.Json;

namespace AIStudio.Hub.Contents;

/// <summary>
/// A contents model as the answer. A model without a file's or notebook's content (a directory listing, or what a save
/// answers) is written whole, with its Content-Length; a model with content, which can be megabytes, is streamed.
/// </summary>
/// <remarks>
/// A streamed answer of unknown length is sent chunked, and Kestrel sends its last chunk when the endpoint returns: two
/// writes to the socket, and the client waits for the second. Measured on a listing of 10 files under wrk (20
/// connections, 2 cores): see the README's hub benchmark.
/// </remarks>
internal sealed class ContentsJsonResult(ContentsModel model, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (model.Content is not (null or IEnumerable<ContentsModel>))
        {
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            return Results.Json(model, ContentsJson.Default.ContentsModel, statusCode: statusCode).ExecuteAsync(httpContext);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(model, ContentsJson.Default.ContentsModel);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
