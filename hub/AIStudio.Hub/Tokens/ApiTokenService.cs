using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tokens;

/// <summary>Issues, lists and revokes personal API tokens.</summary>
public sealed class ApiTokenService(HubDbContext db, TokenValidator validator, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Issues a token for <paramref name="userId"/>. Requested scopes must be known and held by the owner (a token never
    /// gives more than its owner has); none requested means all of the owner's, as JupyterHub's <c>inherit</c>.
    /// </summary>
    public async Task<(string Token, ApiToken Model)> CreateAsync(string userId, string userName, ScopeSet ownerScopes, string? note,
        IReadOnlyList<string>? scopes, TimeSpan? expiresIn, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerScopes);
        var names = new List<string>();
        foreach (var requested in scopes ?? [])
        {
            if (requested == Scopes.Self)
            {
                names.Add(requested);
                continue;
            }

            if (!Scope.TryParse(requested, out var scope))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Unknown scope: {requested}. Known scopes: {string.Join(", ", Scopes.Implied.Keys.Append(Scopes.Self))}.");
            }

            if (!ownerScopes.Covers(scope))
            {
                throw new HubApiException(StatusCodes.Status403Forbidden, $"{userName} does not have the scope {requested}, so a token of theirs cannot have it.");
            }

            names.Add(scope.ToString());
        }

        if (expiresIn is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "expires_in must be a positive number of seconds.");
        }

        var token = TokenHashing.NewToken();
        var now = time.GetUtcNow();
        var model = new ApiToken
        {
            UserId = userId,
            Hash = TokenHashing.Hash(token),
            Prefix = TokenHashing.Prefix(token),
            Note = note?.Length > 500 ? note[..500] : note ?? "",
            Scopes = string.Join(' ', names.Distinct(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = expiresIn is { } span ? now + span : null,
        };
        db.ApiTokens.Add(model);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(actor, AuditActions.TokenCreated, userName, detail: $"token {model.Id} ({model.Note}) scopes [{model.Scopes}]").ConfigureAwait(false);
        return (token, model);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<ApiToken?> FindAsync(string userId, string tokenId, CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId && t.Id == tokenId, cancellationToken).ConfigureAwait(false);

    /// <summary>Revokes one token; false when the user has no token with that id.</summary>
    public async Task<bool> RevokeAsync(string userId, string userName, string tokenId, string actor, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.UserId == userId && t.Id == tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return false;
        }

        db.ApiTokens.Remove(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        validator.Evict(token.Hash);
        await audit.RecordAsync(actor, AuditActions.TokenRevoked, userName, detail: $"token {token.Id}").ConfigureAwait(false);
        return true;
    }
}
