namespace AIStudio.Hub.Hosting;

/// <summary>Turns a <see cref="HubApiException"/> thrown outside an endpoint (while binding its parameters) into its JSON error.</summary>
public sealed class HubApiExceptionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (HubApiException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await e.ToResult().ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
