using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// ASP.NET Core's handler provider, but with no OpenIddict server handler for a request outside the server's endpoints,
/// and no OpenIddict validation handler for a request that carries no OAuth access token. The authentication middleware
/// gives every request to each scheme that can handle requests; OpenIddict's server then built a transaction and ran its
/// dispatcher only to find that the path was none of its endpoints (7 % of an API request's work, profiled under wrk),
/// and its validation did the same for every request, to read a token that only a JWT-carrying request has (4–7 % of what
/// an API request allocated). On the server's endpoints, and for requests with an access token, nothing changes: the hub
/// scheme forwards exactly those requests to the validation scheme.
/// </summary>
public sealed class OAuthServerHandlerProvider(IAuthenticationSchemeProvider schemes, OAuthServerEndpoints endpoints) : IAuthenticationHandlerProvider
{
    private readonly AuthenticationHandlerProvider _inner = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unused = authenticationScheme switch
        {
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme => !endpoints.Contains(context.Request),
            OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme => HubComposition.SchemeFor(context.Request) != OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme,
            _ => false,
        };
        return unused ? Task.FromResult<IAuthenticationHandler?>(null) : _inner.GetHandlerAsync(context, authenticationScheme);
    }
}
