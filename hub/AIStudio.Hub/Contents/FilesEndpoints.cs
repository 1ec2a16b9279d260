using AIStudio.Hub.Auth;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace AIStudio.Hub.Contents;

/// <summary>
/// <c>/files/{path}</c>, as jupyter_server serves it: a file of the caller's as it is on disk, with <c>?download=1</c> as
/// an attachment. Served sandboxed (a user's HTML file must not run script as the hub's own origin).
/// </summary>
public static class FilesEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapFilesRoute(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/files/{**path}", (string? path, string? download, Caller caller, PlanService plans, HttpContext context) =>
        {
            caller.Require(Scopes.ReadContents, caller.Self);
            var full = plans.ContentsForReading(caller).ExistingFile(path ?? "");
            var name = Path.GetFileName(full);
            if (!ContentTypes.TryGetContentType(name, out var contentType))
            {
                contentType = "application/octet-stream";
            }

            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.CacheControl] = "no-cache";
            return Results.File(full, contentType, download is "1" or "true" ? name : null, enableRangeProcessing: true);
        });
        return routes;
    }
}
