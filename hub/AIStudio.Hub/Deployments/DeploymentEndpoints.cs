using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// <c>/hub/api/deployments</c>: the caller's deployments — upload a version (<c>POST {name}/versions</c>, multipart
/// <c>model</c> + <c>note</c>), list, show, delete, set the traffic split (<c>PUT {name}/traffic</c>), roll back, manage
/// keys, read metrics (JSON per deployment, Prometheus text for all of the caller's at <c>/hub/api/deployments/metrics</c>).
/// </summary>
public static class DeploymentEndpoints
{
    public const string Route = "/hub/api/deployments";

    /// <summary>Room in an upload request beyond the model: the note and the form's framing.</summary>
    private const long FormOverhead = 1024L * 1024;

    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var requestLimit = routes.ServiceProvider.GetRequiredService<HubOptions>().DeploymentMaxBytes + FormOverhead;

        routes.MapPost(Route + "/{name}/versions", async (string name, HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
            {
                var deployment = await deployments.AddVersionAsync(caller, name, request, cancellationToken).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location = $"{Route}/{deployment.Name}";
                return Results.Json(deployment, statusCode: StatusCodes.Status201Created);
            })
            .WithMetadata(new RequestSizeLimitAttribute(requestLimit))
            .WithFormOptions(multipartBodyLengthLimit: requestLimit);

        routes.MapGet(Route, async (HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
            Results.Json(await deployments.ListAsync(caller, request, cancellationToken).ConfigureAwait(false)));

        routes.MapGet(Route + "/metrics", (Caller caller, DeploymentMetrics metrics) =>
        {
            caller.Require(Scopes.ReadContents, caller.Self);
            var text = metrics.Prometheus(owner => owner == caller.UserId || caller.IsAdmin);
            return Results.Text(text, "text/plain; version=0.0.4; charset=utf-8");
        });

        routes.MapGet(Route + "/{name}", async (string name, HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
            Results.Json(await deployments.GetAsync(caller, name, request, cancellationToken).ConfigureAwait(false)));

        routes.MapDelete(Route + "/{name}", async (string name, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
        {
            await deployments.DeleteAsync(caller, name, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapPut(Route + "/{name}/traffic", async (string name, HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.Json(await deployments.SetTrafficAsync(caller, name, body, request, cancellationToken).ConfigureAwait(false));
        });

        routes.MapPost(Route + "/{name}/rollback", async (string name, HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.Json(await deployments.RollbackAsync(caller, name, body, request, cancellationToken).ConfigureAwait(false));
        });

        routes.MapPost(Route + "/{name}/keys", async (string name, HttpRequest request, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.Json(await deployments.CreateKeyAsync(caller, name, body, cancellationToken).ConfigureAwait(false), statusCode: StatusCodes.Status201Created);
        });

        routes.MapGet(Route + "/{name}/keys", async (string name, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
            Results.Json(await deployments.ListKeysAsync(caller, name, cancellationToken).ConfigureAwait(false)));

        routes.MapDelete(Route + "/{name}/keys/{id}", async (string name, string id, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
        {
            await deployments.RevokeKeyAsync(caller, name, id, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapGet(Route + "/{name}/metrics", async (string name, Caller caller, DeploymentStore deployments, CancellationToken cancellationToken) =>
            Results.Json(await deployments.MetricsAsync(caller, name, cancellationToken).ConfigureAwait(false)));
        return routes;
    }
}
