using System.Text.Json.Nodes;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Rewrites a JSON Schema (draft 2020-12, as System.Text.Json's exporter writes a C# function's types) into the Schema
/// Object of OpenAPI 3.0, which the deployments' documents declare: a <c>type</c> list becomes one type (or an
/// <c>anyOf</c> of them) with <c>nullable</c> for null, a <c>{"type": "null"}</c> choice in <c>anyOf</c>/<c>oneOf</c>
/// becomes <c>nullable</c> on the other choices, <c>const</c> becomes a one-value <c>enum</c>, and the keywords 3.0 has
/// no place for (<c>$schema</c>, <c>$id</c>, <c>$comment</c>) are dropped. Everything else is kept as it is.
/// </summary>
public static class OpenApi30Schema
{
    private static readonly string[] Dropped = ["$schema", "$id", "$comment"];
    private static readonly string[] SubschemaLists = ["anyOf", "oneOf", "allOf"];
    private static readonly string[] Subschemas = ["items", "additionalProperties", "not"];

    /// <summary>A converted copy of <paramref name="schema"/> (which is not changed).</summary>
    public static JsonNode? Convert(JsonNode? schema) => schema is JsonObject node ? ConvertObject(node) : schema?.DeepClone();

    private static JsonObject ConvertObject(JsonObject source)
    {
        var schema = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Dropped.Contains(key))
            {
                continue;
            }

            schema[key] = key switch
            {
                "properties" when value is JsonObject properties => new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, Convert(p.Value)))),
                _ when Subschemas.Contains(key) && value is JsonObject => Convert(value),
                _ when SubschemaLists.Contains(key) && value is JsonArray list => Choices(list),
                _ => value?.DeepClone(),
            };
        }

        if (schema["const"] is { } constant)
        {
            schema.Remove("const");
            schema["enum"] = new JsonArray(constant.DeepClone());
        }

        if (schema["type"] is JsonArray types)
        {
            var names = types.Select(t => t?.GetValue<string>()).Where(t => t is not null).ToList();
            var nullable = names.Remove("null");
            schema.Remove("type");
            if (names.Count == 1)
            {
                schema["type"] = names[0];
                if (nullable)
                {
                    schema["nullable"] = true;
                }
            }
            else if (names.Count > 1)
            {
                // One choice per type, each with the type-specific keywords (those of other types are ignored by each);
                // what describes the value as a whole stays outside.
                var specific = schema.Where(p => p.Key is not ("default" or "description" or "title")).ToArray();
                var choices = new JsonArray();
                foreach (var name in names)
                {
                    var choice = new JsonObject { ["type"] = name };
                    foreach (var (key, value) in specific)
                    {
                        choice[key] = value?.DeepClone();
                    }

                    if (nullable)
                    {
                        choice["nullable"] = true;
                    }

                    choices.Add(choice);
                }

                foreach (var (key, _) in specific)
                {
                    schema.Remove(key);
                }

                schema["anyOf"] = choices;
            }
            else if (nullable)
            {
                // Null alone: 3.0 has no null type; an empty schema that allows null is the nearest.
                schema["nullable"] = true;
            }
        }
        else if (schema["type"] is JsonValue single && single.TryGetValue<string>(out var only) && only == "null")
        {
            schema.Remove("type");
            schema["nullable"] = true;
        }

        return schema;
    }

    /// <summary>The choices of an <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>, converted; a <c>{"type": "null"}</c> among them makes the typed others nullable instead.</summary>
    private static JsonArray Choices(JsonArray list)
    {
        var nullable = list.Any(IsNullOnly);
        var choices = new JsonArray();
        foreach (var choice in list.Where(c => !IsNullOnly(c)))
        {
            var converted = Convert(choice);
            if (nullable && converted is JsonObject { } typed && typed.ContainsKey("type"))
            {
                typed["nullable"] = true;
            }

            choices.Add(converted);
        }

        return choices;
    }

    private static bool IsNullOnly(JsonNode? choice) =>
        choice is JsonObject o && o.Count == 1 && o["type"] is JsonValue t && t.TryGetValue<string>(out var name) && name == "null";
}
