using System.Collections.Concurrent;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// The deployments as the predict endpoints see them, read from the database and kept for a few seconds (so a burst of
/// requests costs one lookup, and a change made through another hub on the same database is seen soon); a change made
/// through this hub evicts at once. Deployment keys are checked here too, by their SHA-256, and kept as briefly.
/// </summary>
public sealed class DeploymentCatalog(IServiceScopeFactory scopes, HubOptions options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Owner, string Name), ServedDeployment?> _deployments = new();
    private readonly ConcurrentDictionary<string, KeyEntry> _keys = new(StringComparer.Ordinal);

    /// <summary>The deployment <paramref name="name"/> of the user <paramref name="owner"/>, or null when there is none.</summary>
    public async ValueTask<ServedDeployment?> FindAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_deployments.TryGetValue((owner, name), out var cached) && cached is not null && now - cached.LoadedAt < CacheFor)
        {
            return cached;
        }

        if (!DeploymentNames.IsValid(name) || owner.Length > 256)
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var normalized = owner.ToUpperInvariant();
            var found = await db.Deployments.AsNoTracking()
                .Join(db.Users, d => d.OwnerId, u => u.Id, (d, u) => new { Deployment = d, u.NormalizedUserName, u.UserName, u.PrimaryOrganizationId })
                .FirstOrDefaultAsync(d => d.NormalizedUserName == normalized && d.Deployment.Name == name, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                _deployments.TryRemove((owner, name), out _);
                return null;
            }

            var versions = await db.DeploymentVersions.AsNoTracking().Where(v => v.DeploymentId == found.Deployment.Id)
                .OrderBy(v => v.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
            var (_, plan) = await scope.ServiceProvider.GetRequiredService<PlanService>()
                .PlanOfAsync(found.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
            var served = new ServedDeployment(
                found.Deployment.Id,
                found.Deployment.OwnerId,
                found.UserName!,
                found.Deployment.Name,
                [.. versions.Select(v => new ServedVersion(v.Number, v.TrafficPercent, DeploymentSchema.Parse(v.Schema), ModelPath(found.Deployment.Id, v.Number)))],
                options.DeploymentRequestsPerMinute ?? plan.DeploymentRequestsPerMinute,
                now);
            _deployments[(owner, name)] = served;
            return served;
        }
    }

    /// <summary>Where a version's model file is kept.</summary>
    public string ModelPath(string deploymentId, int version) =>
        Path.Combine(options.DeploymentsDirectory, deploymentId, $"v{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}.onnx");

    /// <summary>
    /// Whether <paramref name="key"/> is a live key of the deployment that allows <paramref name="scope"/>; its last use is
    /// recorded (at most every few seconds).
    /// </summary>
    public async ValueTask<bool> CheckKeyAsync(string deploymentId, string key, string scope, CancellationToken cancellationToken)
    {
        var hash = TokenHashing.Hash(key);
        var now = time.GetUtcNow();
        if (!_keys.TryGetValue(hash, out var entry) || entry.CachedUntil <= now)
        {
            _keys.TryRemove(hash, out _);
            var serviceScope = scopes.CreateAsyncScope();
            await using (serviceScope.ConfigureAwait(false))
            {
                var db = serviceScope.ServiceProvider.GetRequiredService<HubDbContext>();
                var found = await db.DeploymentKeys.AsNoTracking().Where(k => k.Hash == hash)
                    .Select(k => new { k.Id, k.DeploymentId, k.Scopes }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    return false;
                }

                await db.DeploymentKeys.Where(k => k.Id == found.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
                entry = new KeyEntry(found.Id, found.DeploymentId, found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), now + CacheFor);
                _keys[hash] = entry;
            }
        }

        return entry.DeploymentId == deploymentId && entry.Scopes.Contains(scope, StringComparer.Ordinal);
    }

    /// <summary>Forgets a deployment after a change (new version, split, deletion).</summary>
    public void Invalidate(string owner, string name) => _deployments.TryRemove((owner, name), out _);

    /// <summary>Forgets a revoked key.</summary>
    public void EvictKey(string hash) => _keys.TryRemove(hash, out _);

    /// <summary>Forgets every key of a deleted deployment.</summary>
    public void EvictKeysOf(string deploymentId)
    {
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
