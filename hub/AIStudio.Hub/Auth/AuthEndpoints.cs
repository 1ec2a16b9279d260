using System.Text.Json;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Auth;

/// <summary>
/// <c>GET /api/me</c>: who the caller is, in jupyter_server's shape, and — for <c>?permissions={"resource": ["action", …]}</c>
/// — which of those actions the caller's scopes allow.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>jupyter_server's resources and actions, and the scope each needs on the caller's own things.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Permissions = new(StringComparer.Ordinal)
    {
        ["contents"] = new(StringComparer.Ordinal) { ["read"] = Scopes.ReadContents, ["write"] = Scopes.Contents },
        ["kernels"] = new(StringComparer.Ordinal) { ["read"] = Scopes.ReadKernels, ["write"] = Scopes.Kernels, ["execute"] = Scopes.AccessKernels },
        ["sessions"] = new(StringComparer.Ordinal) { ["read"] = Scopes.ReadKernels, ["write"] = Scopes.Kernels },
        ["kernelspecs"] = new(StringComparer.Ordinal) { ["read"] = Scopes.ReadKernels },
        ["status"] = new(StringComparer.Ordinal) { ["read"] = Scopes.ReadKernels },
    };

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me", (Caller caller, string? permissions) =>
        {
            var name = caller.UserName;
            return Results.Json(new MeModel(
                new IdentityModel(name, name, name, name[..1].ToUpperInvariant(), null, null),
                Allowed(caller, permissions)));
        });
        return routes;
    }

    private static Dictionary<string, string[]> Allowed(Caller caller, string? requested)
    {
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(requested))
        {
            return allowed;
        }

        Dictionary<string, string[]>? wanted;
        try
        {
            wanted = JsonSerializer.Deserialize<Dictionary<string, string[]>>(requested);
        }
        catch (JsonException)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "permissions should be a JSON dict of {\"resource\": [\"action\",]}");
        }

        foreach (var (resource, actions) in wanted ?? [])
        {
            var known = Permissions.GetValueOrDefault(resource);
            allowed[resource] = [.. (actions ?? []).Where(a => known?.GetValueOrDefault(a) is { } scope && caller.Can(scope, caller.Self))];
        }

        return allowed;
    }
}
