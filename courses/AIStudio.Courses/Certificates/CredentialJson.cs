using System.Globalization;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Certificates;

/// <summary>Tolerant reads of credential JSON: a path that is missing or of another type reads as null.</summary>
internal static class CredentialJson
{
    /// <summary>The node at a dotted path of member names (<c>credentialSubject.achievement.name</c>).</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var name in path.Split('.'))
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }

    /// <summary>The string at a path, or null.</summary>
    public static string? Text(JsonNode? node, string path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The strings of a <c>type</c>-like member: a string or an array of strings.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonArray array => [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var t) ? t : null).OfType<string>()],
        _ => [],
    };

    /// <summary>An integer JWT claim (NumericDate), or null.</summary>
    public static long? Number(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : node is JsonObject o2 && o2[name] is JsonValue value2 && value2.TryGetValue<double>(out var real) && real == Math.Floor(real) ? (long)real
        : null;

    /// <summary>An RFC 3339 / XML Schema dateTime with a time zone, or null when it is not one.</summary>
    public static DateTimeOffset? DateTime(string? text) =>
        text is not null
        && text.Length >= 20
        && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    /// <summary>Whether <paramref name="text"/> is an absolute URI.</summary>
    public static bool IsUri(string? text) => text is not null && Uri.TryCreate(text, UriKind.Absolute, out _);
}
