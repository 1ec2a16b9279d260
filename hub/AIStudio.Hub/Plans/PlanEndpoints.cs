using AIStudio.Hub.Auth;

namespace AIStudio.Hub.Plans;

/// <summary>
/// <c>GET /hub/api/plans</c>: the plans there are, with their limits as an organization's plan shows them (storage,
/// GPU time, kernels at once, each kernel's CPUs, memory, processes and network), for anyone signed in.
/// </summary>
public static class PlanEndpoints
{
    public const string Route = "/hub/api/plans";

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(Route, (Caller caller) => Results.Json(PlanCatalog.All));
        return routes;
    }
}
