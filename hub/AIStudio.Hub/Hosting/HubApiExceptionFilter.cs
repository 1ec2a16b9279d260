namespace AIStudio.Hub.Hosting;

/// <summary>
/// Turns a <see cref="HubApiException"/> thrown by an endpoint into its JSON error, and file system failures into a JSON
/// 403 or 500 that does not reveal paths on the server.
/// </summary>
public sealed class HubApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (HubApiException e)
        {
            return e.ToResult();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A file that went away between the check and the use (another request deleted it).
            return ApiError.NotFound("No such file or directory.");
        }
        catch (UnauthorizedAccessException)
        {
            return ApiError.Result(StatusCodes.Status403Forbidden, "Permission denied.", "Forbidden");
        }
        catch (IOException e)
        {
            return ApiError.Result(StatusCodes.Status500InternalServerError, $"The file operation failed ({e.GetType().Name}).", "Internal Server Error");
        }
    }
}
