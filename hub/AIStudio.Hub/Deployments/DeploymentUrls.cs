using AIStudio.Hub.Auth;

namespace AIStudio.Hub.Deployments;

/// <summary>Where a deployment is called, as the request reached the hub.</summary>
public static class DeploymentUrls
{
    public const string Prefix = "/deployments";

    /// <summary>
    /// A request to a deployment's endpoints that authenticates with a deployment key: those endpoints check the key
    /// themselves (<see cref="DeploymentServer"/>), so the hub's own authentication has nothing to do for it.
    /// </summary>
    public static bool IsKeyedRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal) && DeploymentKeys.IsKey(TokenAuthenticationHandler.ReadToken(request));
    }

    /// <summary><c>http(s)://host/deployments/{owner}/{name}</c>.</summary>
    public static string Base(HttpRequest request, string owner, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/{Uri.EscapeDataString(owner)}/{name}";
    }
}
