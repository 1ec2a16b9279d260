using System.Security.Claims;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace AIStudio.Hub.Auth;

/// <summary>Turns the request's principal (cookie or API token) into a <see cref="Caller"/>, once per request.</summary>
public sealed class CallerResolver(HubDbContext db, CallerCache cache)
{
    private static readonly object ItemKey = new();

    public async Task<Caller?> GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return (Caller?)cached;
        }

        var caller = await LoadAsync(context.User, context.RequestAborted).ConfigureAwait(false);
        context.Items[ItemKey] = caller;
        return caller;
    }

    /// <summary>A user's rights as if they were calling (for checks made on their behalf, such as the scopes a token for them may have).</summary>
    public Task<Caller?> LoadUserAsync(string userId, string userName, CancellationToken cancellationToken) =>
        LoadAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userName)], "lookup")), cancellationToken);

    private async Task<Caller?> LoadAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue(OpenIddictConstants.Claims.Subject);
        if (principal.Identity?.IsAuthenticated != true || userId is null)
        {
            return null;
        }

        if (!cache.TryGet(userId, out var record))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.Id, u.UserName, u.IsAdmin, u.PrimaryOrganizationId })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return null;
            }

            var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => new CallerMembership(m.OrganizationId, m.Organization!.Slug, m.Role))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            record = new CallerRecord(user.Id, user.UserName!, user.IsAdmin, user.PrimaryOrganizationId, memberships,
                RoleScopes.Expand(user.UserName!, user.IsAdmin, memberships.Select(m => (m.Slug, m.Role))));
            cache.Set(record);
        }

        var name = record.UserName;
        ScopeSet? tokenScopes = null;
        var limited = principal.FindFirstValue(HubClaims.TokenScopes);
        if (principal.HasClaim(c => c.Type == OpenIddictConstants.Claims.Private.Scope))
        {
            // An OAuth access token: limited to the hub scopes it was granted; none of them (only openid, profile…) means all of the user's.
            limited = string.Join(' ', OAuth.OAuthEndpoints.HubScopes(principal.GetScopes()));
        }

        if (limited is { Length: > 0 })
        {
            tokenScopes = new ScopeSet(limited.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(s => s == Scopes.Self ? RoleScopes.ExpandSelf(s, name) : Scope.TryParse(s, out var scope) ? [scope] : []));
        }

        return new Caller
        {
            UserId = record.UserId,
            UserName = name,
            IsAdmin = record.IsAdmin,
            PrimaryOrganizationId = record.PrimaryOrganizationId,
            Memberships = record.Memberships,
            OwnerScopes = record.OwnerScopes,
            TokenScopes = tokenScopes,
            TokenId = principal.FindFirstValue(HubClaims.TokenId),
        };
    }
}
