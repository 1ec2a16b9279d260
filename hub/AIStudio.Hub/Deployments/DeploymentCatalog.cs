using System.Collections.Concurrent;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using AIStudio.Serving;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// The deployments as the predict endpoints see them, read from the database and kept for a few seconds (so a burst of
/// requests costs one lookup, and a change made through another hub on the same database is seen soon); a change made
/// through this hub evicts at once. Deployment keys are checked here too, by their SHA-256, and kept as briefly.
/// Each deployment and key is read by one lookup at a time, whatever the number of requests waiting for it; once read, an
/// entry past its few seconds is still answered from while one lookup in the background reads it again, so under load
/// requests never queue behind the database (SQLite runs its queries on the calling thread and a busy writer sleeps).
/// </summary>
public sealed class DeploymentCatalog(IServiceScopeFactory scopes, HubOptions options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Owner, string Name), ServedDeployment?> _deployments = new();
    private readonly ConcurrentDictionary<string, KeyEntry> _keys = new(StringComparer.Ordinal);
    private readonly SingleFlight<(string Owner, string Name), ServedDeployment?> _loadingDeployments = new();
    private readonly SingleFlight<string, KeyEntry?> _loadingKeys = new(StringComparer.Ordinal);

    // Bumped by every eviction: a lookup that began before one does not put what it read back in the cache.
    private long _generation;

    /// <summary>The deployment <paramref name="name"/> of the user <paramref name="owner"/>, or null when there is none.</summary>
    public async ValueTask<ServedDeployment?> FindAsync(string owner, string name, CancellationToken cancellationToken)
    {
        if (_deployments.TryGetValue((owner, name), out var cached) && cached is not null)
        {
            if (time.GetUtcNow() - cached.LoadedAt >= CacheFor)
            {
                _ = LoadDeployment((owner, name));
            }

            return cached;
        }

        if (!DeploymentNames.IsValid(name) || owner.Length > 256)
        {
            return null;
        }

        return await LoadDeployment((owner, name)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<ServedDeployment?> LoadDeployment((string Owner, string Name) key) =>
        _loadingDeployments.RunAsync(key, async () =>
        {
            var generation = Volatile.Read(ref _generation);
            var served = await QueryDeploymentAsync(key.Owner, key.Name).ConfigureAwait(false);
            if (served is null)
            {
                _deployments.TryRemove(key, out _);
            }
            else if (Volatile.Read(ref _generation) == generation)
            {
                _deployments[key] = served;
            }

            return served;
        });

    private async Task<ServedDeployment?> QueryDeploymentAsync(string owner, string name)
    {
        var now = time.GetUtcNow();
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var normalized = owner.ToUpperInvariant();
            var found = await db.Deployments.AsNoTracking()
                .Join(db.Users, d => d.OwnerId, u => u.Id, (d, u) => new { Deployment = d, u.NormalizedUserName, u.UserName, u.PrimaryOrganizationId })
                .FirstOrDefaultAsync(d => d.NormalizedUserName == normalized && d.Deployment.Name == name).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            var versions = await db.DeploymentVersions.AsNoTracking().Where(v => v.DeploymentId == found.Deployment.Id)
                .OrderBy(v => v.Number).ToListAsync().ConfigureAwait(false);
            var (_, plan) = await scope.ServiceProvider.GetRequiredService<PlanService>()
                .PlanOfAsync(found.PrimaryOrganizationId, CancellationToken.None).ConfigureAwait(false);
            return new ServedDeployment(
                found.Deployment.Id,
                found.Deployment.OwnerId,
                found.UserName!,
                found.Deployment.Name,
                [.. versions.Select(v => new ServedVersion(v.Number, v.TrafficPercent, DeploymentSchema.Parse(v.Schema), VersionPath(found.Deployment.Id, v.Number, v.Kind), v.Kind))],
                options.DeploymentRequestsPerMinute ?? plan.DeploymentRequestsPerMinute,
                now);
        }
    }

    /// <summary>Where a version's file is kept: its model (<c>v{n}.onnx</c>) or its function's source (<c>v{n}.cs</c>).</summary>
    public string VersionPath(string deploymentId, int version, string kind) =>
        Path.Combine(options.DeploymentsDirectory, deploymentId, $"v{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}{DeploymentKinds.FileExtension(kind)}");

    /// <summary>
    /// Whether <paramref name="key"/> is a live key of the deployment that allows <paramref name="scope"/>; its last use is
    /// recorded (at most every few seconds).
    /// </summary>
    public async ValueTask<bool> CheckKeyAsync(string deploymentId, string key, string scope, CancellationToken cancellationToken)
    {
        var hash = TokenHashing.Hash(key);
        if (_keys.TryGetValue(hash, out var entry))
        {
            if (entry.CachedUntil <= time.GetUtcNow())
            {
                _ = LoadKey(hash);
            }
        }
        else
        {
            entry = await LoadKey(hash).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return entry is not null && entry.DeploymentId == deploymentId && entry.Scopes.Contains(scope, StringComparer.Ordinal);
    }

    private Task<KeyEntry?> LoadKey(string hash) =>
        _loadingKeys.RunAsync(hash, async () =>
        {
            var generation = Volatile.Read(ref _generation);
            var now = time.GetUtcNow();
            var serviceScope = scopes.CreateAsyncScope();
            await using (serviceScope.ConfigureAwait(false))
            {
                var db = serviceScope.ServiceProvider.GetRequiredService<HubDbContext>();
                var found = await db.DeploymentKeys.AsNoTracking().Where(k => k.Hash == hash)
                    .Select(k => new { k.Id, k.DeploymentId, k.Scopes }).FirstOrDefaultAsync().ConfigureAwait(false);
                if (found is null)
                {
                    _keys.TryRemove(hash, out _);
                    return null;
                }

                await db.DeploymentKeys.Where(k => k.Id == found.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now)).ConfigureAwait(false);
                var entry = new KeyEntry(found.Id, found.DeploymentId, found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), now + CacheFor);
                if (Volatile.Read(ref _generation) == generation)
                {
                    _keys[hash] = entry;
                }

                return entry;
            }
        });

    /// <summary>Forgets a deployment after a change (new version, split, deletion).</summary>
    public void Invalidate(string owner, string name)
    {
        Interlocked.Increment(ref _generation);
        _deployments.TryRemove((owner, name), out _);
    }

    /// <summary>Forgets a revoked key.</summary>
    public void EvictKey(string hash)
    {
        Interlocked.Increment(ref _generation);
        _keys.TryRemove(hash, out _);
    }

    /// <summary>Forgets every key of a deleted deployment.</summary>
    public void EvictKeysOf(string deploymentId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _keys)
        {
            if (entry.DeploymentId == deploymentId)
            {
                _keys.TryRemove(hash, out _);
            }
        }
    }

    private sealed record KeyEntry(string KeyId, string DeploymentId, string[] Scopes, DateTimeOffset CachedUntil);
}
