using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Kernels;

namespace AIStudio.Hub.Sessions;

/// <summary><c>/api/sessions</c>: list, create, get, update, delete — the caller's own sessions only.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sessions", async (Caller caller, SessionManager sessions, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.ReadKernels, caller.Self);
            return Results.Json(await sessions.ListAsync(caller.UserId, cancellationToken).ConfigureAwait(false));
        });

        routes.MapPost("/api/sessions", async (HttpRequest request, Caller caller, SessionManager sessions, KernelStarter starter, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var path = body.GetString("path") ?? Legacy(body, "notebook", "path") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "path missing");
            var (kernelName, kernelId) = Kernel(body);
            var (model, _) = await sessions.CreateAsync(caller.UserId, Starter(caller, starter), path, body.GetString("name"), body.GetString("type"), kernelName, kernelId, cancellationToken).ConfigureAwait(false);
            var result = Results.Json(model, statusCode: StatusCodes.Status201Created);
            request.HttpContext.Response.Headers.Location = $"/api/sessions/{model.Id}";
            return result;
        });

        routes.MapGet("/api/sessions/{id}", async (string id, Caller caller, SessionManager sessions, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.ReadKernels, caller.Self);
            return await sessions.GetAsync(caller.UserId, id, cancellationToken).ConfigureAwait(false) is { } model ? Results.Json(model) : NotFound(id);
        });

        routes.MapPatch("/api/sessions/{id}", async (string id, HttpRequest request, Caller caller, SessionManager sessions, KernelStarter starter, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var (kernelName, kernelId) = Kernel(body);
            var model = await sessions.UpdateAsync(caller.UserId, Starter(caller, starter), id, body.GetString("path") ?? Legacy(body, "notebook", "path"),
                body.GetString("name"), body.GetString("type"), kernelName, kernelId, cancellationToken).ConfigureAwait(false);
            return model is null ? NotFound(id) : Results.Json(model);
        });

        routes.MapDelete("/api/sessions/{id}", async (string id, Caller caller, SessionManager sessions, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            return await sessions.DeleteAsync(caller.UserId, id, caller.UserName, cancellationToken).ConfigureAwait(false) ? Results.NoContent() : NotFound(id);
        });
        return routes;
    }

    private static KernelStart Starter(Caller caller, KernelStarter starter) =>
        (kernelName, path, cancellationToken) => starter.StartAsync(caller, kernelName, path, cancellationToken);

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
