using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AIStudio.FunctionHost;

/// <summary>
/// How the function's inputs and outputs are read and written: property names as declared (no camel-casing), nullable
/// annotations and required constructor parameters respected, no comments or trailing commas.
/// </summary>
public static class FunctionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            IncludeFields = false,
        };
        options.MakeReadOnly();
        return options;
    }
}
