using System.Collections.Concurrent;
using System.Security.Claims;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tokens;

/// <summary>
/// Checks presented API tokens against the database (by SHA-256, so the comparison never sees the token itself) and
/// keeps the answer for a few seconds, so a client's burst of requests costs one lookup. Revoking a token or deleting a
/// user evicts it at once. A token is read by one lookup at a time however many requests present it, and once read, an
/// entry past its few seconds is still answered from while one lookup in the background reads it again: twenty
/// connections on one token used to reach the database together every ten seconds, each also writing the token's
/// last activity, and SQLite's busy writers (which sleep) held every other request up for a tenth of a second.
/// </summary>
public sealed class TokenValidator(IServiceScopeFactory scopes, CallerCache callers, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>How stale a token's recorded last activity may get (JupyterHub's <c>activity_resolution</c> is 30 s).</summary>
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly SingleFlight<string, Entry?> _loading = new(StringComparer.Ordinal);

    // Bumped by every eviction: a lookup that began before one does not put what it read back in the cache.
    private long _generation;

    public async ValueTask<ClaimsPrincipal?> ValidateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = TokenHashing.Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var entry) && (entry.ExpiresAt is null || entry.ExpiresAt > now))
        {
            if (entry.CachedUntil <= now)
            {
                _ = Load(hash);
            }

            return Principal(entry, scheme);
        }

        entry = await Load(hash).WaitAsync(cancellationToken).ConfigureAwait(false);
        return entry is null ? null : Principal(entry, scheme);
    }

    private Task<Entry?> Load(string hash) =>
        _loading.RunAsync(hash, async () =>
        {
            var generation = Interlocked.Read(ref _generation);
            var now = time.GetUtcNow();
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var found = await db.ApiTokens.Where(t => t.Hash == hash)
                    .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.Id, t.UserId, u.UserName, t.Scopes, t.ExpiresAt, t.LastActivity })
                    .FirstOrDefaultAsync().ConfigureAwait(false);
                if (found is null || (found.ExpiresAt is { } expires && expires <= now))
                {
                    _cache.TryRemove(hash, out _);
                    return null;
                }

                if (found.LastActivity is not { } last || now - last >= ActivityResolution)
                {
                    await db.ApiTokens.Where(t => t.Id == found.Id)
                        .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastActivity, now)).ConfigureAwait(false);
                }

                var entry = new Entry(found.Id, found.UserId, found.UserName!, found.Scopes, found.ExpiresAt, now + CacheFor);
                if (Interlocked.Read(ref _generation) == generation)
                {
                    _cache[hash] = entry;
                }

                return entry;
            }
        });

    /// <summary>Forgets a token (revoked).</summary>
    public void Evict(string hash)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(hash, out _);
    }

    /// <summary>Forgets every token of a user and their cached rights (deleted, or their rights changed).</summary>
    public void EvictUser(string userId)
    {
        Interlocked.Increment(ref _generation);
        callers.Evict(userId);
        foreach (var (hash, entry) in _cache)
        {
            if (entry.UserId == userId)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>The token's caller: each claim is made for its identity (one the identity would otherwise copy).</summary>
    private static ClaimsPrincipal Principal(Entry entry, string scheme)
    {
        var identity = new ClaimsIdentity(scheme);
        Add(identity, ClaimTypes.NameIdentifier, entry.UserId);
        Add(identity, ClaimTypes.Name, entry.UserName);
        Add(identity, HubClaims.TokenId, entry.TokenId);
        if (entry.Scopes.Length > 0)
        {
            Add(identity, HubClaims.TokenScopes, entry.Scopes);
        }

        return new ClaimsPrincipal(identity);

        static void Add(ClaimsIdentity identity, string type, string value) =>
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
    }

    private sealed record Entry(string TokenId, string UserId, string UserName, string Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset CachedUntil);
}
