using System.Reflection;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Auth;

/// <summary>
/// The signed-in user of a request and what they may do: their scopes (from their roles), narrowed by the scopes of the
/// API token they came with. Endpoints take it as a parameter (bound through <see cref="BindAsync"/>).
/// </summary>
public sealed class Caller
{
    public required string UserId { get; init; }

    public required string UserName { get; init; }

    public required bool IsAdmin { get; init; }

    public required string PrimaryOrganizationId { get; init; }

    public required IReadOnlyList<CallerMembership> Memberships { get; init; }

    /// <summary>What the user may do.</summary>
    public required ScopeSet OwnerScopes { get; init; }

    /// <summary>What the token limits the request to; null when it is not limited (a cookie, or a token with all the owner's scopes).</summary>
    public ScopeSet? TokenScopes { get; init; }

    public string? TokenId { get; init; }

    public ScopeTarget Self => new(UserName, [.. Memberships.Select(m => m.Slug)]);

    public bool Can(string scope, ScopeTarget target) =>
        OwnerScopes.Allows(scope, target) && (TokenScopes is null || TokenScopes.Allows(scope, target));

    public bool CanEverywhere(string scope) =>
        OwnerScopes.AllowsEverywhere(scope) && (TokenScopes is null || TokenScopes.AllowsEverywhere(scope));

    /// <summary>The organizations on which the caller holds <paramref name="scope"/> through an organization filter.</summary>
    public IReadOnlyCollection<string> OrganizationsAllowing(string scope)
    {
        var owner = OwnerScopes.OrganizationsAllowing(scope);
        if (TokenScopes is null)
        {
            return [.. owner];
        }

        return TokenScopes.AllowsEverywhere(scope) ? [.. owner] : [.. owner.Intersect(TokenScopes.OrganizationsAllowing(scope), StringComparer.Ordinal)];
    }

    /// <summary>The scopes in effect, for <c>/hub/api/user</c> and <c>/api/me</c>.</summary>
    public IEnumerable<string> EffectiveScopes()
    {
        var scopes = TokenScopes is null ? OwnerScopes.Items : [.. TokenScopes.Items.Where(OwnerScopes.Covers)];

        // A filtered scope that an unfiltered one already gives is left out (admin, not admin + admin!org=x).
        return scopes.Where(s => s.Filter == ScopeFilterKind.None || !scopes.Any(o => o.Filter == ScopeFilterKind.None && o.Covers(s)))
            .Select(s => s.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    /// <summary>Throws 403 (naming the scope) unless the caller may do <paramref name="scope"/> on the target.</summary>
    public void Require(string scope, ScopeTarget target)
    {
        if (!Can(scope, target))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, $"Action is not authorized with current scopes; requires any of [{scope}]");
        }
    }

    /// <summary>Minimal APIs bind a <see cref="Caller"/> parameter through this: the request's user, loaded once per request.</summary>
    public static async ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolver = context.RequestServices.GetRequiredService<CallerResolver>();
        return await resolver.GetAsync(context).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status401Unauthorized, "Unauthorized: sign in, or send an API token (Authorization: token … or ?token=…).");
    }
}
