using System.Text.Encodings.Web;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AIStudio.Hub.Auth;

/// <summary>
/// API tokens as Jupyter clients send them: <c>Authorization: token T</c> (or <c>Bearer T</c>) and <c>?token=T</c>.
/// A missing or wrong token answers 401 with a jupyter_server-shaped JSON body.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenValidator validator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await validator.ValidateAsync(token, SchemeName, Context.RequestAborted).ConfigureAwait(false);
        return principal is null
            ? AuthenticateResult.Fail("Invalid token.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "token";
        await Response.WriteAsJsonAsync(new ApiError("Unauthorized: sign in, or send a valid API token (Authorization: token … or ?token=…).", "Unauthorized")).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ApiError("Forbidden.", "Forbidden")).ConfigureAwait(false);
    }

    private static readonly string[] Schemes = ["token ", "Bearer "];

    internal static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in Schemes)
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var value = header[scheme.Length..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return request.Query["token"].ToString() is { Length: > 0 } query ? query : null;
    }
}
