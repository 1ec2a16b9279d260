using System.Security.Claims;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Auth;
using HubScope = AIStudio.Hub.Auth.Scopes;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// The authorization server's own endpoints at JupyterHub's paths (<c>/hub/api/oauth2/authorize</c>,
/// <c>/hub/api/oauth2/token</c>): the code flow for a signed-in browser (first-party clients, no consent screen), the
/// client-credentials flow for services (acting as the user the client was registered for), and refresh.
/// </summary>
public static class OAuthEndpoints
{
    public const string AuthorizePath = "/hub/api/oauth2/authorize";
    public const string TokenPath = "/hub/api/oauth2/token";

    /// <summary>The application property naming the user a confidential client acts as.</summary>
    public const string UserProperty = "aistudio_user";

    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(AuthorizePath, ["GET", "POST"], AuthorizeAsync).AllowAnonymous();
        routes.MapPost(TokenPath, TokenAsync).AllowAnonymous();
        return routes;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<HubUser> users)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new HubApiException(StatusCodes.Status400BadRequest, "Not an OpenID Connect authorization request.");

        // The browser's session decides who authorizes; without one, the browser is sent to sign in and comes back.
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal!).ConfigureAwait(false) : null;
        if (user is null)
        {
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            return Results.Redirect("/hub/login?next=" + Uri.EscapeDataString(back));
        }

        return Results.SignIn(Principal(user.Id, user.UserName!, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<HubUser> users, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new HubApiException(StatusCodes.Status400BadRequest, "Not an OAuth token request.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!).ConfigureAwait(false)
                ?? throw new HubApiException(StatusCodes.Status400BadRequest, "Unknown client.");
            var properties = await applications.GetPropertiesAsync(application).ConfigureAwait(false);
            var name = properties.TryGetValue(UserProperty, out var value) ? value.GetString() : null;
            var serviceUser = name is null ? null : await users.FindByNameAsync(name).ConfigureAwait(false);
            if (serviceUser is null)
            {
                return Forbid(Errors.InvalidClient, $"Client {request.ClientId} acts for no existing user.");
            }

            return Results.SignIn(Principal(serviceUser.Id, serviceUser.UserName!, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The principal stored with the code or refresh token; the user must still exist.
            var stored = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
            var subject = stored.Principal?.GetClaim(Claims.Subject);
            var user = subject is null ? null : await users.FindByIdAsync(subject).ConfigureAwait(false);
            if (user is null)
            {
                return Forbid(Errors.InvalidGrant, "The user of this grant no longer exists.");
            }

            return Results.SignIn(Principal(user.Id, user.UserName!, stored.Principal!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "Use authorization_code (with PKCE), refresh_token or client_credentials.");
    }

    /// <summary>The identity put in tokens: the user's id (sub) and name, and the scopes granted; everything goes into the access token.</summary>
    private static ClaimsPrincipal Principal(string userId, string userName, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, userId).SetClaim(Claims.Name, userName).SetClaim(Claims.PreferredUsername, userName);
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.PreferredUsername
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The hub scopes among an OAuth grant's scopes (openid, profile, offline_access are not the hub's).</summary>
    public static IEnumerable<string> HubScopes(IEnumerable<string> granted) =>
        granted.Where(s => s == HubScope.Self || Scope.TryParse(s, out _));
}
