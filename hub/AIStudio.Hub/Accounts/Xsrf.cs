using System.Security.Cryptography;

namespace AIStudio.Hub.Accounts;

/// <summary>
/// Jupyter's XSRF protection for cookie sessions: a random <c>_xsrf</c> cookie the page's script can read, which every
/// unsafe request (POST, PUT, PATCH, DELETE) signed in by the cookie must echo in the <c>X-XSRFToken</c> header (as
/// <c>@jupyterlab/services</c> does) or an <c>_xsrf</c> form field. Requests with an API token are not affected: a
/// browser never adds those on its own. Cookie-signed WebSockets must come from the hub's own origin.
/// </summary>
public sealed class Xsrf(RequestDelegate next)
{
    public const string CookieName = "_xsrf";
    public const string HeaderName = "X-XSRFToken";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SignedInByCookie(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var cookie = context.Request.Cookies[CookieName];
        if (context.WebSockets.IsWebSocketRequest)
        {
            if (!SameOrigin(context))
            {
                await Refuse(context, "Cross-origin WebSocket refused: the Origin header does not match this hub.").ConfigureAwait(false);
                return;
            }
        }
        else if (IsUnsafe(context.Request.Method))
        {
            var sent = context.Request.Headers[HeaderName].ToString();
            if (sent.Length == 0 && context.Request.HasFormContentType)
            {
                sent = (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))[CookieName].ToString();
            }

            if (cookie is null || sent.Length == 0 || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(cookie), System.Text.Encoding.UTF8.GetBytes(sent)))
            {
                await Refuse(context, $"'{CookieName}' argument missing from POST: send the {CookieName} cookie's value in the {HeaderName} header.").ConfigureAwait(false);
                return;
            }
        }
        else if (cookie is null)
        {
            Issue(context);
        }

        await next(context).ConfigureAwait(false);
    }

    private static readonly object IssuedKey = new();

    /// <summary>The value a form of this response must post as <c>_xsrf</c>: the browser's cookie, or the one just issued.</summary>
    public static string? CurrentToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[IssuedKey] as string ?? context.Request.Cookies[CookieName];
    }

    /// <summary>Sets a fresh <c>_xsrf</c> cookie (at sign-in, or when a signed-in browser has none).</summary>
    public static void Issue(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = RandomNumberGenerator.GetHexString(32, lowercase: true);
        context.Items[IssuedKey] = value;
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    private static bool SignedInByCookie(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && context.User.Identity.AuthenticationType is { } type
        && type.StartsWith("Identity.", StringComparison.Ordinal);

    private static bool IsUnsafe(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool SameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task Refuse(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new Hosting.ApiError(message, "Forbidden")).ConfigureAwait(false);
    }
}
