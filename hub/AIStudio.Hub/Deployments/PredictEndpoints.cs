namespace AIStudio.Hub.Deployments;

/// <summary>
/// The deployments' public face: <c>POST /deployments/{owner}/{name}/predict</c> (a version drawn by the traffic split),
/// <c>POST /deployments/{owner}/{name}/v{n}/predict</c>, and <c>GET /deployments/{owner}/{name}/openapi.json</c>.
/// Callers authenticate with a deployment key (or the owner's hub token), checked by <see cref="DeploymentServer"/>.
/// </summary>
public static class PredictEndpoints
{
    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapGroup(DeploymentUrls.Prefix + "/{owner}/{name}").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/predict", (HttpContext context, string owner, string name, DeploymentServer server) =>
            server.PredictAsync(context, owner, name, version: null));
        group.MapPost("/v{version:int}/predict", (HttpContext context, string owner, string name, int version, DeploymentServer server) =>
            server.PredictAsync(context, owner, name, version));
        group.MapGet("/openapi.json", (HttpContext context, string owner, string name, DeploymentServer server) =>
            server.OpenApiAsync(context, owner, name));
        return routes;
    }
}
