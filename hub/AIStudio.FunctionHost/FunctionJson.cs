using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AIStudio.FunctionHost;

/// <summary>
/// How the function's inputs and outputs are read and written: property names as declared (no camel-casing), nullable
/// annotations and required constructor parameters respected, no comments or trailing commas; NaN and the infinities,
/// which JSON has no number for, as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> both ways (as the
/// hub answers them for ONNX models; without this a function returning NaN could not be answered at all).
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
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.MakeReadOnly();
        return options;
    }
}
