using System.Globalization;
using System.Text.Json;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Deployments;

/// <summary>A deployment's traffic split: percent of requests per version number, summing to 100.</summary>
public static class TrafficSplit
{
    /// <summary>Reads <c>{"1": 90, "2": 10}</c>; a 400 that says what is wrong unless every key is an existing version, every value a whole percent and they sum to 100.</summary>
    public static SortedDictionary<int, int> Parse(JsonElement? body, IReadOnlyCollection<int> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (body is not { } split || split.ValueKind != JsonValueKind.Object || !split.EnumerateObject().Any())
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "Send the split as a JSON object of version → percent, summing to 100, e.g. {\"1\": 90, \"2\": 10} (or {\"1\": 100} to roll back to version 1).");
        }

        var result = new SortedDictionary<int, int>();
        foreach (var property in split.EnumerateObject())
        {
            var name = property.Name.StartsWith('v') ? property.Name[1..] : property.Name;
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || !versions.Contains(version))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest,
                    $"'{property.Name}' is not a version of this deployment: it has {string.Join(", ", versions.Order())}.");
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var percent) || percent is < 0 or > 100)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"The share of version {version} must be a whole percent from 0 to 100, not {property.Value.GetRawText()}.");
            }

            if (!result.TryAdd(version, percent))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Version {version} is given twice.");
            }
        }

        var sum = result.Values.Sum();
        return sum == 100
            ? result
            : throw new HubApiException(StatusCodes.Status400BadRequest,
                $"The shares sum to {sum} %: they must sum to 100 (e.g. {{\"{result.Keys.First()}\": 100}}).");
    }

    public static string ToJson(IReadOnlyDictionary<int, int> split) =>
        JsonSerializer.Serialize(split.Where(s => s.Value > 0).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value));

    public static IReadOnlyDictionary<int, int>? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var parsed = JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
        return parsed.ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => p.Value);
    }

    /// <summary>A version drawn by its share (weighted random); null when no version has traffic.</summary>
    public static int? Pick(IReadOnlyList<(int Version, int Percent)> split, int draw)
    {
        ArgumentNullException.ThrowIfNull(split);
        var total = 0;
        foreach (var (version, percent) in split)
        {
            total += percent;
            if (draw < total)
            {
                return version;
            }
        }

        return null;
    }
}
