using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// Serves the gzip copy the front-end build writes beside each large bundle file (<c>notebook.js.gz</c>, …) to browsers
/// that accept gzip: 1.1 MB instead of 3.9 MB for the notebook page, with no compression work per request. Runs before the
/// static file middleware, which then serves the <c>.gz</c> file; <see cref="PrepareResponse"/> puts back the type of the
/// file asked for.
/// </summary>
public sealed class PrecompressedStaticFiles(RequestDelegate next, string webRoot)
{
    private static readonly object OriginalPathKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var path = request.Path.Value;
            if (path is not null && path.StartsWith("/build/", StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal)
                && AcceptsGzip(request) && File.Exists(Path.Combine(webRoot, path.TrimStart('/') + ".gz")))
            {
                context.Items[OriginalPathKey] = path;
                request.Path = path + ".gz";
            }
        }

        return next(context);
    }

    /// <summary>For the static file middleware's <c>OnPrepareResponse</c>: the encoding and the original file's type.</summary>
    public static void PrepareResponse(StaticFileResponseContext file, IContentTypeProvider types)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(types);
        var headers = file.Context.Response.Headers;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (file.Context.Items[OriginalPathKey] is string original)
        {
            headers.ContentEncoding = "gzip";
            file.Context.Response.ContentType = types.TryGetContentType(original, out var type) ? type : "application/octet-stream";
        }
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase));
}
