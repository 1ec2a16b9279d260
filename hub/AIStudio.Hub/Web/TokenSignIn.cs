using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Identity;

namespace AIStudio.Hub.Web;

/// <summary>
/// Opening a hub page with <c>?token=&lt;API token&gt;</c> signs the browser in (a cookie session) and sends it to the same
/// address without the token, as Jupyter servers do, so the token neither stays in the address bar nor in the history.
/// Only a token with all of its owner's rights may do it (a token limited to some scopes would otherwise grow into a
/// full session). The API routes keep taking <c>?token=</c> per request, unchanged.
/// </summary>
public sealed partial class TokenSignIn(RequestDelegate next, ILogger<TokenSignIn> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return HttpMethods.IsGet(request.Method) && IsPage(request.Path) && request.Query["token"].ToString() is { Length: > 0 } token
            ? SignInAsync(context, token)
            : next(context);
    }

    /// <summary>
    /// The services it needs are resolved here, for the few requests that carry a token to a page: injected into
    /// <see cref="InvokeAsync"/>, every request of the hub built a UserManager and a SignInManager (and their metrics) for
    /// nothing, a tenth of an API request's work (profiled under wrk).
    /// </summary>
    private async Task SignInAsync(HttpContext context, string token)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var tokens = services.GetRequiredService<TokenValidator>();
        var users = services.GetRequiredService<UserManager<HubUser>>();
        var principal = await tokens.ValidateAsync(token, TokenAuthenticationHandler.SchemeName, context.RequestAborted).ConfigureAwait(false);
        var user = principal is null ? null : await users.GetUserAsync(principal).ConfigureAwait(false);
        if (user is null || principal!.HasClaim(c => c.Type == HubClaims.TokenScopes))
        {
            LogRefused(logger, request.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(user is null
                ? "This link's token is not valid (expired or revoked): sign in with your name and password instead."
                : "This token is limited to some scopes and cannot open a browser session: use a token with all of your rights, or sign in.").ConfigureAwait(false);
            return;
        }

        await services.GetRequiredService<SignInManager<HubUser>>().SignInAsync(user, isPersistent: false).ConfigureAwait(false);
        Xsrf.Issue(context);
        await services.GetRequiredService<AuditLog>().RecordAsync(user.UserName!, AuditActions.Login, user.UserName!, detail: "with an API token in the address").ConfigureAwait(false);
        var rest = request.Query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")));
        var query = string.Join('&', rest);
        context.Response.Redirect(request.PathBase + request.Path + (query.Length > 0 ? "?" + query : ""));
    }

    /// <summary>The hub's pages, not its APIs (which authenticate each request) nor its static files.</summary>
    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hub/api") && !path.StartsWithSegments("/build");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page was opened with a token that cannot sign a browser in: {Path}")]
    private static partial void LogRefused(ILogger logger, string path);
}
