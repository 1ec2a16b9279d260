using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using AIStudio.Serving;

namespace AIStudio.FunctionHost;

/// <summary>
/// A function's inputs and outputs as the hub stores and documents a deployment's schema: one <see cref="TensorSpec"/> per
/// field (its JSON name; an ONNX-like element type such as <c>float64</c>, or <c>object</c>; shape <c>[-1]</c>, one value
/// per row, or <c>[-1, -1]</c> for an array per row) with the JSON schema of one row's value.
/// </summary>
public static class FunctionSchema
{
    private static readonly JsonSchemaExporterOptions Exporter = new() { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = WithNull };

    /// <summary>
    /// The properties of a record or class, in their JSON order. An input's property is optional when a request may leave
    /// it out: a constructor parameter with a default value (which its schema shows), or a property that is neither
    /// <c>required</c> nor set by the constructor; an output's are all there in every answer.
    /// </summary>
    public static IReadOnlyList<FunctionField> FieldsOf(Type type, bool input)
    {
        ArgumentNullException.ThrowIfNull(type);
        var info = FunctionJson.Options.GetTypeInfo(type);
        return [.. info.Properties
            .Where(p => p.Get is not null || p.Set is not null || p.AssociatedParameter is not null)
            .Select(p => !input || p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false }
                ? Field(p.Name, p.PropertyType, required: true)
                : p.AssociatedParameter is { } parameter
                    ? Field(p.Name, p.PropertyType, required: false, hasDefault: true, parameter.DefaultValue)
                    : Field(p.Name, p.PropertyType, required: false))];
    }

    /// <summary>One field; an optional one's spec says so, and its JSON schema shows the default value when there is one.</summary>
    public static FunctionField Field(string name, Type type, bool required, bool hasDefault = false, object? defaultValue = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var node = FunctionJson.Options.GetJsonSchemaAsNode(type, Exporter);
        if (hasDefault && node is JsonObject withDefault && Default(type, defaultValue) is var (value, ok) && ok)
        {
            withDefault["default"] = value;
        }

        var schema = JsonSerializer.SerializeToElement(node);
        var element = ElementOf(type);
        var spec = element is null
            ? new TensorSpec(name, TypeName(type), [-1], schema, Optional: !required)
            : new TensorSpec(name, TypeName(element), [-1, -1], schema, Optional: !required);
        return new FunctionField(name, type, required, spec);
    }

    /// <summary>A default value as JSON, when it can be written (a <c>default</c> struct, for one, has no value to show).</summary>
    private static (JsonNode? Value, bool Ok) Default(Type type, object? value)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return (JsonSerializer.SerializeToNode(plain.IsEnum && value is not null ? Enum.ToObject(plain, value) : value, type, FunctionJson.Options), true);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return (null, false);
        }
    }

    /// <summary>
    /// A nullable floating-point value may be null too: with named literals its schema is an <c>anyOf</c>, to which the
    /// exporter does not add null as it does to a <c>type</c>.
    /// </summary>
    private static JsonNode WithNull(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (Nullable.GetUnderlyingType(context.TypeInfo.Type) is not null && schema is JsonObject { } node && node["anyOf"] is JsonArray choices
            && !choices.Any(c => c is JsonObject o && o["type"] is JsonValue t && t.TryGetValue<string>(out var name) && name == "null"))
        {
            choices.Add(new JsonObject { ["type"] = "null" });
        }

        return schema;
    }

    /// <summary>The element type of an array or list of simple values (a row that is an array of them), else null.</summary>
    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericArguments() is [var only] && typeof(IEnumerable<>).MakeGenericType(only).IsAssignableFrom(type) ? only
            : null;
        return element is not null && TypeName(element) != "object" ? element : null;
    }

    private static string TypeName(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(float) ? "float32"
            : plain == typeof(double) ? "float64"
            : plain == typeof(decimal) ? "decimal"
            : plain == typeof(long) ? "int64"
            : plain == typeof(int) ? "int32"
            : plain == typeof(short) ? "int16"
            : plain == typeof(byte) ? "uint8"
            : plain == typeof(bool) ? "bool"
            : plain == typeof(string) || plain == typeof(char) || plain == typeof(Guid) || plain == typeof(DateTime) || plain == typeof(DateTimeOffset) || plain.IsEnum ? "string"
            : FunctionJson.Options.GetTypeInfo(plain).Kind == JsonTypeInfoKind.Enumerable ? "array"
            : "object";
    }

    /// <summary>The schema as the hub stores it: <c>{"inputs": [...], "outputs": [...]}</c>.</summary>
    public static JsonElement Of(CompiledFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return JsonSerializer.SerializeToElement(new
        {
            inputs = function.Inputs.Select(f => f.Spec).ToArray(),
            outputs = function.Outputs.Select(f => f.Spec).ToArray(),
        });
    }
}
