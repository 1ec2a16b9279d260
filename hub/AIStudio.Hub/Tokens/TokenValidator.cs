using System.Collections.Concurrent;
using System.Security.Claims;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tokens;

/// <summary>
/// Checks presented API tokens against the database (by SHA-256, so the comparison never sees the token itself) and
/// keeps the answer for a few seconds, so a client's burst of requests costs one lookup. Revoking a token or deleting a
/// user evicts it at once.
/// </summary>
public sealed class TokenValidator(IServiceScopeFactory scopes, CallerCache callers, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ClaimsPrincipal?> ValidateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = TokenHashing.Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var entry) && entry.CachedUntil > now && (entry.ExpiresAt is null || entry.ExpiresAt > now))
        {
            return Principal(entry, scheme);
        }

        _cache.TryRemove(hash, out _);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var found = await db.ApiTokens.Where(t => t.Hash == hash)
                .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.Id, t.UserId, u.UserName, t.Scopes, t.ExpiresAt })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (found is null || (found.ExpiresAt is { } expires && expires <= now))
            {
                return null;
            }

            await db.ApiTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastActivity, now), cancellationToken).ConfigureAwait(false);
            entry = new Entry(found.Id, found.UserId, found.UserName!, found.Scopes, found.ExpiresAt, now + CacheFor);
            _cache[hash] = entry;
            return Principal(entry, scheme);
        }
    }

    /// <summary>Forgets a token (revoked).</summary>
    public void Evict(string hash) => _cache.TryRemove(hash, out _);

    /// <summary>Forgets every token of a user and their cached rights (deleted, or their rights changed).</summary>
    public void EvictUser(string userId)
    {
        callers.Evict(userId);
        foreach (var (hash, entry) in _cache)
        {
            if (entry.UserId == userId)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    private static ClaimsPrincipal Principal(Entry entry, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, entry.UserId),
            new(ClaimTypes.Name, entry.UserName),
            new(HubClaims.TokenId, entry.TokenId),
        };
        if (entry.Scopes.Length > 0)
        {
            claims.Add(new Claim(HubClaims.TokenScopes, entry.Scopes));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private sealed record Entry(string TokenId, string UserId, string UserName, string Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset CachedUntil);
}
