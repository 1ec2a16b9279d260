using System.Security.Claims;

namespace AIStudio.Hub.Auth;

/// <summary>
/// Checks an API token and says who it belongs to. This slice has one admin token; accounts with personal tokens and
/// scopes (Identity, OpenIddict, a database) replace the implementation, not the handler that calls it.
/// </summary>
public interface ITokenValidator
{
    /// <summary>The principal the token belongs to, or null when the token is not valid.</summary>
    ValueTask<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken = default);
}
