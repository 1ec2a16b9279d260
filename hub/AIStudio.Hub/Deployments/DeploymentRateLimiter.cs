using System.Collections.Concurrent;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Requests per minute per deployment, as a token bucket per deployment: it holds up to a minute's worth of requests and
/// refills continuously. A refusal says how many seconds until the next request is allowed (for <c>Retry-After</c>).
/// </summary>
public sealed class DeploymentRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one request's token; false with the seconds to wait when the bucket is empty. A null limit always allows.</summary>
    public bool TryTake(string deploymentId, int? perMinute, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (perMinute is not { } limit)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(deploymentId, static (_, state) => new Bucket(state.limit, state.time.GetTimestamp()), (limit, time));
        return bucket.TryTake(limit, time.GetTimestamp(), time.TimestampFrequency, out retryAfterSeconds);
    }

    public void Remove(string deploymentId) => _buckets.TryRemove(deploymentId, out _);

    private sealed class Bucket(double tokens, long at)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _at = at;

        public bool TryTake(int limit, long now, long frequency, out int retryAfterSeconds)
        {
            var perSecond = limit / 60.0;
            lock (_lock)
            {
                _tokens = Math.Min(limit, _tokens + ((double)(now - _at) / frequency * perSecond));
                _at = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfterSeconds = 0;
                    return true;
                }

                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / perSecond));
                return false;
            }
        }
    }
}
