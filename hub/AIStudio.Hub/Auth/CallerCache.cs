using System.Collections.Concurrent;

namespace AIStudio.Hub.Auth;

/// <summary>
/// Keeps each user's rights (name, admin flag, organization, memberships) for a few seconds, so that a client's stream of
/// requests does not read them from the database every time. Anything that changes them evicts the user at once
/// (through <see cref="Tokens.TokenValidator.EvictUser"/>), so a change takes effect on the next request.
/// </summary>
public sealed class CallerCache(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (CallerRecord Record, DateTimeOffset Until)> _records = new(StringComparer.Ordinal);

    public bool TryGet(string userId, out CallerRecord record)
    {
        if (_records.TryGetValue(userId, out var entry) && entry.Until > time.GetUtcNow())
        {
            record = entry.Record;
            return true;
        }

        record = null!;
        return false;
    }

    public void Set(CallerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.UserId] = (record, time.GetUtcNow() + KeepFor);
    }

    public void Evict(string userId) => _records.TryRemove(userId, out _);
}
