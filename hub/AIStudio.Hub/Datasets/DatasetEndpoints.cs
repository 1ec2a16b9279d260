using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Datasets;

/// <summary>
/// <c>/hub/api/datasets</c>: upload a CSV file as a dataset under a licence the platform accepts for the caller's plan
/// (<c>POST</c>, multipart/form-data, see <see cref="DatasetUpload"/>), list the caller's datasets, show one, delete one.
/// Each user sees only their own: another user's dataset answers 404.
/// </summary>
public static class DatasetEndpoints
{
    public const string Route = "/hub/api/datasets";

    /// <summary>Room in an upload request beyond the CSV file: the licence text (up to 1 MB), the other fields, the form's framing.</summary>
    private const long FormOverhead = 2L * 1024 * 1024;

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var requestLimit = routes.ServiceProvider.GetRequiredService<HubOptions>().DatasetMaxBytes + FormOverhead;

        routes.MapPost(Route, async (HttpRequest request, Caller caller, DatasetStore datasets, CancellationToken cancellationToken) =>
            {
                var dataset = await datasets.UploadAsync(caller, request, cancellationToken).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location = $"{Route}/{dataset.Name}";
                return Results.Json(dataset, statusCode: StatusCodes.Status201Created);
            })
            // Above Kestrel's default request size (30 MB), which would otherwise refuse large datasets before they are read.
            .WithMetadata(new RequestSizeLimitAttribute(requestLimit))
            .WithFormOptions(multipartBodyLengthLimit: requestLimit);

        routes.MapGet(Route, (Caller caller, DatasetStore datasets) => Results.Json(datasets.List(caller)));

        routes.MapGet(Route + "/{name}", (string name, Caller caller, DatasetStore datasets) => Results.Json(datasets.Get(caller, name)));

        routes.MapDelete(Route + "/{name}", async (string name, Caller caller, DatasetStore datasets, CancellationToken cancellationToken) =>
        {
            await datasets.DeleteAsync(caller, name, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });
        return routes;
    }
}
