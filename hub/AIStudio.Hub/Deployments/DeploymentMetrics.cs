using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Per-version request metrics of every deployment, in memory since the hub started: shown by
/// <c>GET /hub/api/deployments/{name}/metrics</c> and as Prometheus text at <c>/hub/api/deployments/metrics</c>
/// (<c>aistudio_deployment_requests_total{owner,deployment,version,status}</c> and the histogram
/// <c>aistudio_deployment_request_duration_seconds</c>). Refusals before a version is chosen (401, 429) count under version <c>none</c>.
/// </summary>
public sealed class DeploymentMetrics(TimeProvider time)
{
    public const string NoVersion = "none";

    private readonly ConcurrentDictionary<string, Entry> _deployments = new(StringComparer.Ordinal);

    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public void Record(ServedDeployment deployment, int? version, int status, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        // Factories that capture nothing: every prediction records here.
        var entry = _deployments.GetOrAdd(deployment.Id, static (_, d) => new Entry(d.OwnerId, d.OwnerName, d.Name), deployment);
        var label = version is { } number ? Label(number) : NoVersion;
        entry.Versions.GetOrAdd(label, static _ => new VersionMetrics()).Record(status, milliseconds);
    }

    /// <summary>The metrics of one deployment, by version label.</summary>
    public IReadOnlyDictionary<string, VersionMetrics.Snapshot> Of(string deploymentId) =>
        _deployments.TryGetValue(deploymentId, out var entry)
            ? entry.Versions.ToDictionary(v => v.Key, v => v.Value.Read(), StringComparer.Ordinal)
            : new Dictionary<string, VersionMetrics.Snapshot>(StringComparer.Ordinal);

    /// <summary>Forgets a deleted deployment.</summary>
    public void Remove(string deploymentId) => _deployments.TryRemove(deploymentId, out _);

    /// <summary>The Prometheus text exposition (format 0.0.4) of the deployments whose owner passes <paramref name="include"/>.</summary>
    public string Prometheus(Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var entries = _deployments.Values.Where(e => include(e.OwnerId))
            .OrderBy(e => e.OwnerName, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => (Entry: e, Versions: e.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (Label: v.Key, Data: v.Value.Read())).ToArray()))
            .ToArray();
        var text = new StringBuilder();
        text.Append("# HELP aistudio_deployment_requests_total Requests to a deployment's predict endpoints, by version and HTTP status.\n");
        text.Append("# TYPE aistudio_deployment_requests_total counter\n");
        foreach (var (entry, versions) in entries)
        {
            foreach (var (label, data) in versions)
            {
                foreach (var (status, count) in data.ByStatus)
                {
                    text.Append(CultureInfo.InvariantCulture, $"aistudio_deployment_requests_total{{{Labels(entry, label)},status=\"{status}\"}} {count}\n");
                }
            }
        }

        text.Append("# HELP aistudio_deployment_request_duration_seconds Time to answer a predict request, by version.\n");
        text.Append("# TYPE aistudio_deployment_request_duration_seconds histogram\n");
        foreach (var (entry, versions) in entries)
        {
            foreach (var (label, data) in versions)
            {
                var labels = Labels(entry, label);
                long cumulative = 0;
                for (var i = 0; i < VersionMetrics.Buckets.Count; i++)
                {
                    cumulative += data.Buckets[i];
                    text.Append(CultureInfo.InvariantCulture, $"aistudio_deployment_request_duration_seconds_bucket{{{labels},le=\"{VersionMetrics.Buckets[i]}\"}} {cumulative}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"aistudio_deployment_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {data.Requests}\n");
                text.Append(CultureInfo.InvariantCulture, $"aistudio_deployment_request_duration_seconds_sum{{{labels}}} {data.SumSeconds:R}\n");
                text.Append(CultureInfo.InvariantCulture, $"aistudio_deployment_request_duration_seconds_count{{{labels}}} {data.Requests}\n");
            }
        }

        return text.ToString();
    }

    private static readonly string[] SmallLabels = [.. Enumerable.Range(0, 64).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static string Label(int version) =>
        version >= 0 && version < SmallLabels.Length ? SmallLabels[version] : version.ToString(CultureInfo.InvariantCulture);

    // Owner and deployment names are lower-case letters, digits and a few punctuation marks: nothing to escape but to be sure.
    private static string Labels(Entry entry, string version) =>
        $"owner=\"{Escape(entry.OwnerName)}\",deployment=\"{Escape(entry.Name)}\",version=\"{version}\"";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed record Entry(string OwnerId, string OwnerName, string Name)
    {
        public ConcurrentDictionary<string, VersionMetrics> Versions { get; } = new(StringComparer.Ordinal);
    }
}
