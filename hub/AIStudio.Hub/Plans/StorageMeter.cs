using System.Collections.Concurrent;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Plans;

/// <summary>
/// Where each user's files live (<c>contents/users/{id}</c> under the data directory) and how many bytes a user stores:
/// their files (datasets included: they are kept among them), measured by walking the folder, and the model files of their
/// deployments (kept under the deployments directory), as the database records their sizes. Measured once and again only
/// after a write (<see cref="Invalidate"/>).
/// </summary>
public sealed class StorageMeter(HubOptions options, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public string UserRoot(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Path.Combine(options.ContentsDirectory, "users", userId);
    }

    public long BytesOf(string userId) => _bytes.GetOrAdd(userId, id => Measure(UserRoot(id)) + DeploymentBytes(id));

    public void Invalidate(string userId) => _bytes.TryRemove(userId, out _);

    /// <summary>The bytes of the model files of the user's deployments, every version.</summary>
    private long DeploymentBytes(string userId)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return db.DeploymentVersions.AsNoTracking()
            .Where(v => db.Deployments.Any(d => d.Id == v.DeploymentId && d.OwnerId == userId))
            .Sum(v => (long?)v.SizeBytes) ?? 0;
    }

    private static long Measure(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return new DirectoryInfo(root).EnumerateFiles("*", options).Sum(f => f.Length);
    }
}
