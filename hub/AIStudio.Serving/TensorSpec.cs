using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Serving;

/// <summary>
/// One input or output of a model: its name, element type (<c>float32</c>, <c>int64</c>, <c>string</c>, …) and shape (-1
/// where any size goes). A C# function's inputs and outputs (its record's properties) carry the JSON schema of one row's
/// value too, read from the compiled type, and an input that has a default value is <see cref="Optional"/>: a request may
/// leave it out (a model's inputs never are).
/// </summary>
public sealed record TensorSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("shape")] IReadOnlyList<int> Shape,
    [property: JsonPropertyName("json_schema"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? JsonSchema = null,
    [property: JsonPropertyName("optional"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Optional = false);
