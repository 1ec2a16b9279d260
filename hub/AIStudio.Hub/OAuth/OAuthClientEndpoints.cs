using System.Text.Json;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Auth;
using HubScopes = AIStudio.Hub.Auth.Scopes;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// <c>/hub/api/oauth/clients</c> (hub administrators): registers OAuth clients — public ones (browsers, VS Code, with
/// PKCE and their redirect URIs) and confidential ones for services (client credentials, acting as a named user; the
/// secret is shown once).
/// </summary>
public static class OAuthClientEndpoints
{
    public static IEndpointRouteBuilder MapOAuthClientsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/hub/api/oauth/clients", async (HttpRequest request, Caller caller, IOpenIddictApplicationManager applications,
            UserManager<HubUser> users, CancellationToken cancellationToken) =>
        {
            RequireAdmin(caller);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var clientId = body.GetString("client_id") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "'client_id' is required.");
            if (await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new HubApiException(StatusCodes.Status409Conflict, $"Client {clientId} already exists.");
            }

            var confidential = body.GetBool("confidential") ?? false;
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                DisplayName = body.GetString("display_name") ?? clientId,
                ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.RefreshToken },
            };
            foreach (var scope in HubScopes.Implied.Keys.Append(HubScopes.Self).Append(OpenIddictConstants.Scopes.OfflineAccess).Append(OpenIddictConstants.Scopes.Profile))
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
            }

            string? secret = null;
            if (confidential)
            {
                var userName = UserNames.Normalize(body.GetString("user") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "A confidential client acts as a user: 'user' is required."));
                _ = await users.FindByNameAsync(userName).ConfigureAwait(false) ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such user: {userName}");
                descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
                descriptor.Properties[OAuthEndpoints.UserProperty] = JsonSerializer.SerializeToElement(userName);
                secret = Tokens.TokenHashing.NewToken();
            }

            var redirects = body.GetStrings("redirect_uris") ?? [];
            if (redirects.Count > 0)
            {
                descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
                foreach (var redirect in redirects)
                {
                    descriptor.RedirectUris.Add(Uri.TryCreate(redirect, UriKind.Absolute, out var uri)
                        ? uri
                        : throw new HubApiException(StatusCodes.Status400BadRequest, $"Not an absolute URI: {redirect}"));
                }
            }
            else if (!confidential)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "A public client needs its 'redirect_uris' (authorization code flow with PKCE).");
            }

            descriptor.ClientSecret = secret;
            await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
            return Results.Json(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["client_id"] = clientId,
                ["client_secret"] = secret,
                ["confidential"] = confidential,
                ["redirect_uris"] = redirects,
            }, statusCode: StatusCodes.Status201Created);
        });

        routes.MapDelete("/hub/api/oauth/clients/{clientId}", async (string clientId, Caller caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken) =>
        {
            RequireAdmin(caller);
            var application = await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
            if (application is null)
            {
                return ApiError.NotFound($"No such client: {clientId}");
            }

            await applications.DeleteAsync(application, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });
        return routes;
    }

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.CanEverywhere(HubScopes.AdminUsers))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, "OAuth clients are registered by hub administrators.");
        }
    }
}
