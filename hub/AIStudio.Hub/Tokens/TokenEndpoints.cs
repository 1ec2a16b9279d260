using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Users;

namespace AIStudio.Hub.Tokens;

/// <summary>
/// JupyterHub's token routes: <c>GET/POST /hub/api/users/{name}/tokens</c>, <c>GET/DELETE /hub/api/users/{name}/tokens/{id}</c>.
/// Users manage their own; organization admins those of their members; hub administrators all.
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hub/api/users/{name}/tokens", async (string name, Caller caller, UserDirectory users, ApiTokenService tokens, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.ReadTokens, cancellationToken).ConfigureAwait(false);
            var list = await tokens.ListAsync(user.Id, cancellationToken).ConfigureAwait(false);
            return Results.Json(new Dictionary<string, IReadOnlyList<TokenModel>>(StringComparer.Ordinal)
            {
                ["api_tokens"] = [.. list.Select(t => TokenModel.From(t, user.UserName!))],
            });
        });

        routes.MapPost("/hub/api/users/{name}/tokens", async (string name, HttpRequest request, Caller caller, UserDirectory users,
            ApiTokenService tokens, CallerResolver resolver, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.Tokens, cancellationToken).ConfigureAwait(false);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var expiresIn = body.GetNumber("expires_in") is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var ownerScopes = user.Id == caller.UserId ? caller.OwnerScopes : await OwnerScopesAsync(resolver, user.Id, user.UserName!, request.HttpContext).ConfigureAwait(false);
            var (token, model) = await tokens.CreateAsync(user.Id, user.UserName!, ownerScopes, body.GetString("note"), body.GetStrings("scopes"),
                expiresIn, caller.UserName, cancellationToken).ConfigureAwait(false);
            return Results.Json(TokenModel.From(model, user.UserName!) with { Token = token }, statusCode: StatusCodes.Status201Created);
        });

        routes.MapGet("/hub/api/users/{name}/tokens/{id}", async (string name, string id, Caller caller, UserDirectory users, ApiTokenService tokens, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.ReadTokens, cancellationToken).ConfigureAwait(false);
            return await tokens.FindAsync(user.Id, id, cancellationToken).ConfigureAwait(false) is { } token
                ? Results.Json(TokenModel.From(token, user.UserName!))
                : ApiError.NotFound($"No such token: {id}");
        });

        routes.MapDelete("/hub/api/users/{name}/tokens/{id}", async (string name, string id, Caller caller, UserDirectory users, ApiTokenService tokens, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.Tokens, cancellationToken).ConfigureAwait(false);
            return await tokens.RevokeAsync(user.Id, user.UserName!, id, caller.UserName, cancellationToken).ConfigureAwait(false)
                ? Results.NoContent()
                : ApiError.NotFound($"No such token: {id}");
        });
        return routes;
    }

    /// <summary>Another user's scopes (for a token an administrator makes for them: it may not exceed what they have).</summary>
    private static async Task<ScopeSet> OwnerScopesAsync(CallerResolver resolver, string userId, string userName, HttpContext context)
    {
        var caller = await resolver.LoadUserAsync(userId, userName, context.RequestAborted).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status404NotFound, $"No such user: {userName}");
        return caller.OwnerScopes;
    }
}
