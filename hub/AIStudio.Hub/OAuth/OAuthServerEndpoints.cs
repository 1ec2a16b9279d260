using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace AIStudio.Hub.OAuth;

/// <summary>The paths of every endpoint the OpenIddict server serves (authorize, token, discovery, keys, …), read once.</summary>
public sealed class OAuthServerEndpoints(IOptions<OpenIddictServerOptions> server)
{
    private readonly string[] _paths = Paths(server.Value);

    /// <summary>Whether the request is for one of the server's endpoints (its path, with or without the path base).</summary>
    public bool Contains(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = (request.Path.Value ?? "").TrimEnd('/');
        var full = (request.PathBase.Value + request.Path.Value).TrimEnd('/');
        foreach (var endpoint in _paths)
        {
            if (string.Equals(path, endpoint, StringComparison.OrdinalIgnoreCase) || string.Equals(full, endpoint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every endpoint as a path ("/hub/api/oauth2/token"), without a trailing slash.</summary>
    internal static string[] Paths(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IEnumerable<Uri> all =
        [
            .. options.AuthorizationEndpointUris, .. options.ConfigurationEndpointUris, .. options.DeviceAuthorizationEndpointUris,
            .. options.EndSessionEndpointUris, .. options.EndUserVerificationEndpointUris, .. options.IntrospectionEndpointUris,
            .. options.JsonWebKeySetEndpointUris, .. options.PushedAuthorizationEndpointUris, .. options.RevocationEndpointUris,
            .. options.TokenEndpointUris, .. options.UserInfoEndpointUris,
        ];
        return [.. all.Select(uri => "/" + (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).Trim('/')).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
