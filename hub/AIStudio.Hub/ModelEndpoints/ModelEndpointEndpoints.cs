using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>
/// <c>/hub/api/model-endpoints</c>: OpenAI-compatible model endpoints of the caller and of their organizations — list
/// (never a key), create, update (<c>api_key</c> left out keeps the key, <c>""</c> removes it), delete
/// (<c>?organization=slug</c> for an organization's), and <c>{name}/credentials</c>, the one answer with the key, which
/// kernels ask for when an agent calls the model (not cached, audited).
/// </summary>
public static class ModelEndpointEndpoints
{
    public const string Route = "/hub/api/model-endpoints";

    public static IEndpointRouteBuilder MapModelEndpointsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);

        routes.MapGet(Route, async (Caller caller, ModelEndpointStore endpoints, CancellationToken cancellationToken) =>
            Results.Json(await endpoints.ListAsync(caller, cancellationToken).ConfigureAwait(false)));

        routes.MapPost(Route, async (HttpRequest request, Caller caller, ModelEndpointStore endpoints, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var (model, location) = await endpoints.CreateAsync(caller, body, cancellationToken).ConfigureAwait(false);
            request.HttpContext.Response.Headers.Location = location;
            return Results.Json(model, statusCode: StatusCodes.Status201Created);
        });

        routes.MapPut(Route + "/{name}", async (string name, string? organization, HttpRequest request, Caller caller, ModelEndpointStore endpoints,
            CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.Json(await endpoints.UpdateAsync(caller, name, organization, body, cancellationToken).ConfigureAwait(false));
        });

        routes.MapDelete(Route + "/{name}", async (string name, string? organization, Caller caller, ModelEndpointStore endpoints, CancellationToken cancellationToken) =>
        {
            await endpoints.DeleteAsync(caller, name, organization, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapGet(Route + "/{name}/credentials", async (string name, string? organization, HttpContext context, Caller caller, ModelEndpointStore endpoints,
            CancellationToken cancellationToken) =>
        {
            // Set first, so that a refusal is not kept either.
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Results.Json(await endpoints.CredentialsAsync(caller, name, organization, cancellationToken).ConfigureAwait(false));
        });
        return routes;
    }
}
