using System.Text.Json;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Sessions;

/// <summary><c>/api/sessions</c>: list, create, get, update, delete.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sessions", async (SessionManager sessions, CancellationToken cancellationToken) =>
            Results.Json(await sessions.ListAsync(cancellationToken).ConfigureAwait(false)));

        routes.MapPost("/api/sessions", async (HttpRequest request, SessionManager sessions, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var path = body.GetString("path") ?? Legacy(body, "notebook", "path") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "path missing");
            var (kernelName, kernelId) = Kernel(body);
            var (model, _) = await sessions.CreateAsync(path, body.GetString("name"), body.GetString("type"), kernelName, kernelId, cancellationToken).ConfigureAwait(false);
            var result = Results.Json(model, statusCode: StatusCodes.Status201Created);
            request.HttpContext.Response.Headers.Location = $"/api/sessions/{model.Id}";
            return result;
        });

        routes.MapGet("/api/sessions/{id}", async (string id, SessionManager sessions, CancellationToken cancellationToken) =>
            await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } model ? Results.Json(model) : NotFound(id));

        routes.MapPatch("/api/sessions/{id}", async (string id, HttpRequest request, SessionManager sessions, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var (kernelName, kernelId) = Kernel(body);
            var model = await sessions.UpdateAsync(id, body.GetString("path") ?? Legacy(body, "notebook", "path"), body.GetString("name"), body.GetString("type"), kernelName, kernelId, cancellationToken).ConfigureAwait(false);
            return model is null ? NotFound(id) : Results.Json(model);
        });

        routes.MapDelete("/api/sessions/{id}", async (string id, SessionManager sessions, CancellationToken cancellationToken) =>
            await sessions.DeleteAsync(id, cancellationToken).ConfigureAwait(false) ? Results.NoContent() : NotFound(id));
        return routes;
    }

    private static (string? Name, string? Id) Kernel(JsonElement? body)
    {
        if (body is not { } value || !value.TryGetProperty("kernel", out var kernel) || kernel.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (kernel.ValueKind != JsonValueKind.Object)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "'kernel' must be an object with a name or an id.");
        }

        JsonElement? element = kernel;
        return (element.GetString("name"), element.GetString("id"));
    }

    private static string? Legacy(JsonElement? body, string member, string name)
    {
        if (body is not { } value || !value.TryGetProperty(member, out var inner) || inner.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? element = inner;
        return element.GetString(name);
    }

    private static IResult NotFound(string id) => ApiError.NotFound($"Session not found: {id}");
}
