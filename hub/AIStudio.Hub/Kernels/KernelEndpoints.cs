using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Kernels;

/// <summary><c>/api/kernels</c>: list, start, get, delete, interrupt, restart, and the WebSocket — the caller's own kernels only (another's id is 404).</summary>
public static class KernelEndpoints
{
    public static IEndpointRouteBuilder MapKernelsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/kernels", (Caller caller, KernelRegistry registry) =>
        {
            caller.Require(Scopes.ReadKernels, caller.Self);
            return Results.Json(registry.OwnedBy(caller.UserId).Select(KernelModel.From).ToArray());
        });

        routes.MapPost("/api/kernels", async (HttpRequest request, Caller caller, KernelStarter starter, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var kernel = await starter.StartAsync(caller, body.GetString("name"), body.GetString("path"), cancellationToken).ConfigureAwait(false);
            return Results.Json(KernelModel.From(kernel), statusCode: StatusCodes.Status201Created)
                .WithLocation($"/api/kernels/{kernel.Id}");
        });

        routes.MapGet("/api/kernels/{id}", (string id, Caller caller, KernelRegistry registry) =>
        {
            caller.Require(Scopes.ReadKernels, caller.Self);
            return registry.FindOwned(id, caller.UserId) is { } kernel ? Results.Json(KernelModel.From(kernel)) : NotFound(id);
        });

        routes.MapDelete("/api/kernels/{id}", async (string id, Caller caller, KernelRegistry registry) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            return registry.FindOwned(id, caller.UserId) is not null && await registry.StopAsync(id, caller.UserName).ConfigureAwait(false) ? Results.NoContent() : NotFound(id);
        });

        routes.MapPost("/api/kernels/{id}/interrupt", async (string id, Caller caller, KernelRegistry registry, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            var kernel = registry.FindOwned(id, caller.UserId);
            if (kernel is null)
            {
                return NotFound(id);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await kernel.InterruptAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                return ApiError.Result(StatusCodes.Status409Conflict, e.Message, "Conflict");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ApiError.Result(StatusCodes.Status504GatewayTimeout, $"Kernel {id} did not answer the interrupt within 30 s.", "Gateway Timeout");
            }

            return Results.NoContent();
        });

        routes.MapPost("/api/kernels/{id}/restart", async (string id, Caller caller, KernelRegistry registry, CancellationToken cancellationToken) =>
        {
            caller.Require(Scopes.Kernels, caller.Self);
            var kernel = registry.FindOwned(id, caller.UserId);
            if (kernel is null)
            {
                return NotFound(id);
            }

            try
            {
                await kernel.RestartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                return ApiError.Result(StatusCodes.Status500InternalServerError, $"Restart of kernel {id} failed: {e.Message}", "Internal Server Error");
            }

            return Results.Json(KernelModel.From(kernel));
        });

        routes.Map("/api/kernels/{id}/channels", KernelWebSocketBridge.HandleAsync);
        return routes;
    }

    private static IResult WithLocation(this IResult result, string location) => new LocationResult(result, location);

    private static IResult NotFound(string id) => ApiError.NotFound($"Kernel does not exist: {id}");

    private sealed class LocationResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
