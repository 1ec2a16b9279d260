namespace AIStudio.Hub.Deployments;

/// <summary>Where a deployment is called, as the request reached the hub.</summary>
public static class DeploymentUrls
{
    public const string Prefix = "/deployments";

    /// <summary><c>http(s)://host/deployments/{owner}/{name}</c>.</summary>
    public static string Base(HttpRequest request, string owner, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/{Uri.EscapeDataString(owner)}/{name}";
    }
}
