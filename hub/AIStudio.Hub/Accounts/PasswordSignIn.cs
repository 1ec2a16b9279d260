using AIStudio.Hub.Audit;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Users;
using Microsoft.AspNetCore.Identity;

namespace AIStudio.Hub.Accounts;

/// <summary>
/// Signs a browser in with a name and password (cookie session, lockout after repeated failures, audit), for the JSON
/// API and the sign-in page alike. Failures come back as a message the person can act on.
/// </summary>
public sealed class PasswordSignIn(UserManager<HubUser> users, SignInManager<HubUser> signIn, AccountService accounts, HubOptions options,
    AuditLog audit, TimeProvider time)
{
    /// <summary>Makes an account (its personal organization too) and signs it in; bad input throws <see cref="HubApiException"/> naming the rule.</summary>
    public async Task<HubUser> SignUpAsync(HttpContext context, string userName, string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.AllowSignup)
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, "Sign-up is closed on this hub: ask an administrator for an account.");
        }

        var user = await accounts.CreateAsync(userName, password, email, isAdmin: false, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(user.UserName!, AuditActions.Signup, user.UserName!, user.PrimaryOrganizationId).ConfigureAwait(false);
        await signIn.SignInAsync(user, isPersistent: true).ConfigureAwait(false);
        Xsrf.Issue(context);
        return user;
    }

    /// <summary>The signed-in user, or null with the reason (and the HTTP status it maps to).</summary>
    public async Task<(HubUser? User, int Status, string? Error)> SignInAsync(HttpContext context, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = UserNames.Normalize(userName);
        var user = await users.FindByNameAsync(name).ConfigureAwait(false);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(name, AuditActions.LockedOut, name).ConfigureAwait(false);
            var until = user!.LockoutEnd is { } end ? $" until {end.UtcDateTime:u}" : "";
            return (null, StatusCodes.Status403Forbidden, $"Too many failed sign-ins: the account is locked{until}. Try again later or ask an administrator.");
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditLog.Anonymous, AuditActions.LoginFailed, name).ConfigureAwait(false);
            return (null, StatusCodes.Status401Unauthorized, "Invalid username or password.");
        }

        user!.LastActivity = time.GetUtcNow();
        await users.UpdateAsync(user).ConfigureAwait(false);
        await audit.RecordAsync(name, AuditActions.Login, name).ConfigureAwait(false);
        Xsrf.Issue(context);
        return (user, StatusCodes.Status200OK, null);
    }
}
