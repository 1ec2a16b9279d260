using System.Collections.Concurrent;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Plans;

/// <summary>
/// Where each user's files live (<c>contents/users/{id}</c> under the data directory) and how many bytes they take,
/// measured by walking the folder once and again only after a write.
/// </summary>
public sealed class StorageMeter(HubOptions options)
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public string UserRoot(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Path.Combine(options.ContentsDirectory, "users", userId);
    }

    public long BytesOf(string userId) => _bytes.GetOrAdd(userId, id => Measure(UserRoot(id)));

    public void Invalidate(string userId) => _bytes.TryRemove(userId, out _);

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
