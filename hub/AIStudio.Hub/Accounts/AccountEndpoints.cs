using System.Text.Json;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Users;
using Microsoft.AspNetCore.Identity;

namespace AIStudio.Hub.Accounts;

/// <summary>
/// Sign-up, sign-in and sign-out for browsers (a cookie session plus the <c>_xsrf</c> cookie), as JSON or form posts,
/// and <c>GET /hub/api/user</c>: the caller, with the scopes in effect.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/hub/api/auth/signup", async (HttpContext context, PasswordSignIn signIn, UserDirectory directory) =>
        {
            var fields = await ReadFieldsAsync(context.Request).ConfigureAwait(false);
            var user = await signIn.SignUpAsync(context, Required(fields, "username"), Required(fields, "password"), fields.GetValueOrDefault("email")).ConfigureAwait(false);
            return Results.Json(await directory.ModelAsync(user, context.RequestAborted).ConfigureAwait(false), statusCode: StatusCodes.Status201Created);
        }).AllowAnonymous();

        routes.MapPost("/hub/api/auth/login", async (HttpContext context, PasswordSignIn signIn, UserDirectory directory) =>
        {
            var fields = await ReadFieldsAsync(context.Request).ConfigureAwait(false);
            var (user, status, error) = await signIn.SignInAsync(context, Required(fields, "username"), Required(fields, "password")).ConfigureAwait(false);
            return user is null
                ? ApiError.Result(status, error!, status == StatusCodes.Status403Forbidden ? "Locked" : "Unauthorized")
                : Results.Json(await directory.ModelAsync(user, context.RequestAborted).ConfigureAwait(false));
        }).AllowAnonymous();

        routes.MapPost("/hub/api/auth/logout", async (HttpContext context, SignInManager<HubUser> signIn, AuditLog audit) =>
        {
            var name = context.User.Identity?.Name;
            await signIn.SignOutAsync().ConfigureAwait(false);
            context.Response.Cookies.Delete(Xsrf.CookieName);
            if (name is not null)
            {
                await audit.RecordAsync(name, AuditActions.Logout, name).ConfigureAwait(false);
            }

            return Results.NoContent();
        }).AllowAnonymous();

        routes.MapGet("/hub/api/user", async (Caller caller, UserManager<HubUser> users, UserDirectory directory, CancellationToken cancellationToken) =>
        {
            var user = await users.FindByIdAsync(caller.UserId).ConfigureAwait(false)
                ?? throw new HubApiException(StatusCodes.Status404NotFound, "The signed-in user no longer exists.");
            var model = await directory.ModelAsync(user, cancellationToken).ConfigureAwait(false);
            return Results.Json(model with { Scopes = [.. caller.EffectiveScopes()] });
        });
        return routes;
    }

    /// <summary>The posted fields, from a form or a JSON object of strings.</summary>
    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                fields[key] = value.ToString();
            }

            return fields;
        }

        if (await RequestJson.ReadObjectAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } body)
        {
            foreach (var property in body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                fields[property.Name] = property.Value.GetString()!;
            }
        }

        return fields;
    }

    private static string Required(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' is required.");
}
