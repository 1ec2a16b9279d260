using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// Lets a client that sends a body larger than a route takes read the 413 that says so. Kestrel stops reading at the
/// limit and closes the connection with the rest of the body unread, and the client's system answers the data still
/// arriving with a reset that throws the 413 away: browsers show a network error, curl "connection reset by peer",
/// HTTP libraries a broken pipe. Here the route's limit is kept on a wrapper of the body instead (reported to the code
/// that names it, as before), and after a 413 the response is sent and the rest of the body read and dropped — up to
/// <see cref="DrainBytes"/> within <see cref="DrainTime"/>, as nginx's lingering close does — so the answer arrives
/// whole. A body beyond that is cut off as before.
/// </summary>
public sealed partial class OversizedBodyDrain(RequestDelegate next, ILogger<OversizedBodyDrain> logger)
{
    /// <summary>The most of a refused body read and dropped after the 413.</summary>
    public const long DrainBytes = 256L * 1024 * 1024;

    /// <summary>The longest a refused body is read after the 413.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(15);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is null || feature.IsReadOnly || feature.MaxRequestBodySize is not { } limit || !HasBody(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Request.Body;
        feature.MaxRequestBodySize = null;
        var body = new LimitedRequestBody(original, limit, context.Request.ContentLength);
        context.Request.Body = body;
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new ReportedBodyLimit(limit));
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // Read past the limit where no handler turned it into its own message (form binding, a page handler).
            context.Response.Clear();
            await ApiError.Result(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"The request body is larger than this route takes ({limit} bytes)."), "Payload Too Large").ExecuteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            context.Request.Body = original;
            context.Features.Set(feature);
        }

        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !body.Finished)
        {
            await DrainAsync(context, original, body.BytesRead).ConfigureAwait(false);
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private async Task DrainAsync(HttpContext context, Stream body, long alreadyRead)
    {
        // The answer first, so the client has it whatever happens to the rest of its upload.
        await context.Response.CompleteAsync().ConfigureAwait(false);
        if (context.Request.ContentLength is { } length && length - alreadyRead > DrainBytes)
        {
            LogCutOff(logger, context.Request.Path, length);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(DrainTime);
        var buffer = new byte[64 * 1024];
        long drained = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                drained += read;
                if (drained > DrainBytes)
                {
                    LogCutOff(logger, context.Request.Path, alreadyRead + drained);
                    context.Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client gave up, or took too long: the connection closes as it would have.
            context.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an oversized body on {Path} ({Bytes} bytes announced or read): too large to read to its end, the connection is closed.")]
    private static partial void LogCutOff(ILogger logger, PathString path, long bytes);
}
