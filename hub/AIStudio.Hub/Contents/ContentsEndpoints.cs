using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;

namespace AIStudio.Hub.Contents;

/// <summary>
/// <c>/api/contents</c>: get, save, create, rename, delete, and checkpoints, with jupyter_server's routes and shapes, on the
/// caller's own files (checked against their plan's storage and project limits).
/// </summary>
public static class ContentsEndpoints
{
    public static IEndpointRouteBuilder MapContentsApi(this IEndpointRouteBuilder routes)
    {
        foreach (var pattern in new[] { "/api/contents", "/api/contents/{**path}" })
        {
            routes.MapGet(pattern, (string? path, string? content, string? type, string? format, Caller caller, PlanService plans) =>
            {
                caller.Require(Scopes.ReadContents, caller.Self);
                var store = plans.ContentsForReading(caller);
                var checkpoints = new ContentsCheckpoints(store);
                if (Checkpoint(path) is ({ } file, null))
                {
                    return Results.Json(checkpoints.List(file));
                }

                return new ContentsJsonResult(store.Get(path ?? "", content != "0", type, format));
            });

            routes.MapPut(pattern, async (string? path, HttpRequest request, Caller caller, PlanService plans, CancellationToken cancellationToken) =>
            {
                var store = await WritableAsync(caller, plans, cancellationToken).ConfigureAwait(false);
                var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
                var (model, created) = store.Save(path ?? "", body);
                return Located(model, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            });

            routes.MapPost(pattern, async (string? path, HttpRequest request, Caller caller, PlanService plans, CancellationToken cancellationToken) =>
            {
                var store = await WritableAsync(caller, plans, cancellationToken).ConfigureAwait(false);
                var checkpoints = new ContentsCheckpoints(store);
                switch (Checkpoint(path))
                {
                    case ({ } file, null):
                        var checkpoint = checkpoints.Create(file);
                        return Results.Json(checkpoint, statusCode: StatusCodes.Status201Created);
                    case ({ } file, { } id):
                        checkpoints.Restore(file, id);
                        return Results.NoContent();
                }

                var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
                return Located(store.Create(path ?? "", body), StatusCodes.Status201Created);
            });

            routes.MapPatch(pattern, async (string? path, HttpRequest request, Caller caller, PlanService plans, CancellationToken cancellationToken) =>
            {
                var store = await WritableAsync(caller, plans, cancellationToken).ConfigureAwait(false);
                var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
                var newPath = body.GetString("path") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "A rename needs the new 'path'.");
                return Located(store.Rename(path ?? "", newPath), StatusCodes.Status200OK);
            });

            routes.MapDelete(pattern, async (string? path, Caller caller, PlanService plans, CancellationToken cancellationToken) =>
            {
                var store = await WritableAsync(caller, plans, cancellationToken).ConfigureAwait(false);
                var checkpoints = new ContentsCheckpoints(store);
                if (Checkpoint(path) is ({ } file, { } id))
                {
                    checkpoints.Delete(file, id);
                }
                else
                {
                    store.Delete(path ?? "");
                }

                return Results.NoContent();
            });
        }

        return routes;
    }

    private static async Task<ContentsStore> WritableAsync(Caller caller, PlanService plans, CancellationToken cancellationToken)
    {
        caller.Require(Scopes.Contents, caller.Self);
        return await plans.ContentsAsync(caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Splits <c>{file}/checkpoints</c> and <c>{file}/checkpoints/{id}</c>, as jupyter_server's routes do.</summary>
    private static (string? File, string? Id) Checkpoint(string? path)
    {
        var segments = (path ?? "").Trim('/').Split('/');
        if (segments.Length >= 2 && segments[^1] == "checkpoints")
        {
            return (string.Join('/', segments[..^1]), null);
        }

        if (segments.Length >= 3 && segments[^2] == "checkpoints")
        {
            return (string.Join('/', segments[..^2]), segments[^1]);
        }

        return (null, null);
    }

    private static ContentsJsonResult Located(ContentsModel model, int statusCode) =>
        new(model, statusCode, "/api/contents/" + string.Join('/', model.Path.Split('/').Select(Uri.EscapeDataString)));
}
