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
        routes.MapPost("/hub/api/auth/signup", async (HttpContext context, HubOptions options, AccountService accounts,
            SignInManager<HubUser> signIn, UserDirectory directory, AuditLog audit) =>
        {
            if (!options.AllowSignup)
            {
                throw new HubApiException(StatusCodes.Status403Forbidden, "Sign-up is closed on this hub: ask an administrator for an account.");
            }

            var fields = await ReadFieldsAsync(context.Request).ConfigureAwait(false);
            var name = Required(fields, "username");
            var password = Required(fields, "password");
            var user = await accounts.CreateAsync(name, password, fields.GetValueOrDefault("email"), isAdmin: false, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            await audit.RecordAsync(user.UserName!, AuditActions.Signup, user.UserName!, user.PrimaryOrganizationId).ConfigureAwait(false);
            await signIn.SignInAsync(user, isPersistent: true).ConfigureAwait(false);
            Xsrf.Issue(context);
            return Results.Json(await directory.ModelAsync(user, context.RequestAborted).ConfigureAwait(false), statusCode: StatusCodes.Status201Created);
        }).AllowAnonymous();

        routes.MapPost("/hub/api/auth/login", async (HttpContext context, UserManager<HubUser> users, SignInManager<HubUser> signIn,
            UserDirectory directory, AuditLog audit, TimeProvider time) =>
        {
            var fields = await ReadFieldsAsync(context.Request).ConfigureAwait(false);
            var name = UserNames.Normalize(Required(fields, "username"));
            var password = Required(fields, "password");
            var user = await users.FindByNameAsync(name).ConfigureAwait(false);
            var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true).ConfigureAwait(false);
            if (result.IsLockedOut)
            {
                await audit.RecordAsync(name, AuditActions.LockedOut, name).ConfigureAwait(false);
                var until = user!.LockoutEnd is { } end ? $" until {end.UtcDateTime:u}" : "";
                return ApiError.Result(StatusCodes.Status403Forbidden, $"Too many failed sign-ins: the account is locked{until}. Try again later or ask an administrator.", "Locked");
            }

            if (!result.Succeeded)
            {
                await audit.RecordAsync(AuditLog.Anonymous, AuditActions.LoginFailed, name).ConfigureAwait(false);
                return ApiError.Result(StatusCodes.Status401Unauthorized, "Invalid username or password.", "Unauthorized");
            }

            user!.LastActivity = time.GetUtcNow();
            await users.UpdateAsync(user).ConfigureAwait(false);
            await audit.RecordAsync(name, AuditActions.Login, name).ConfigureAwait(false);
            Xsrf.Issue(context);
            return Results.Json(await directory.ModelAsync(user, context.RequestAborted).ConfigureAwait(false));
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
