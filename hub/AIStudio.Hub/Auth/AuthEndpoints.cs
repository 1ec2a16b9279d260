using System.Security.Claims;
using System.Text.Json.Serialization;

namespace AIStudio.Hub.Auth;

/// <summary><c>GET /api/me</c>: who the caller is, in jupyter_server's shape.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me", (ClaimsPrincipal user) =>
        {
            var name = user.Identity?.Name ?? "anonymous";
            return Results.Json(new MeModel(
                new IdentityModel(name, name, name, name[..1].ToUpperInvariant(), null, null),
                new Dictionary<string, string[]>(StringComparer.Ordinal)));
        });
        return routes;
    }
}
