using System.Text.Json.Serialization;
using AIStudio.Hub.Kernels;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Status;

/// <summary><c>GET /api</c> (the server's version) and <c>GET /api/status</c>, as jupyter_server answers them.</summary>
public static class StatusEndpoints
{
    /// <summary>The jupyter_server API version the hub implements (clients compare it).</summary>
    public const string ApiVersion = "2.14.2";

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder routes, DateTimeOffset started)
    {
        // Like jupyter_server, the version is public: clients probe it before they authenticate.
        routes.MapGet("/api", () => Results.Json(new VersionModel(ApiVersion))).AllowAnonymous();
        routes.MapGet("/api/status", (Auth.Caller caller, KernelRegistry registry) =>
        {
            var kernels = registry.OwnedBy(caller.UserId);
            var lastActivity = kernels.Select(k => k.LastActivity).DefaultIfEmpty(started).Max();
            return Results.Json(new StatusModel(
                MessageHeader.FormatDate(started), MessageHeader.FormatDate(lastActivity), kernels.Sum(k => k.Connections), kernels.Count));
        });
        return routes;
    }
}
