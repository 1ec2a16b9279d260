using System.Globalization;
using System.Text.Json;
using AIStudio.Serving;

namespace AIStudio.FunctionHost;

/// <summary>
/// Reads a predict request's body the way the hub's ONNX versions take it, so one request suits both kinds of version:
/// <c>{"inputs": {"field": [one value per row], …}}</c>, one array per field of the function's input. Each row becomes one
/// input object (or value) for <c>Predict</c>. An optional input (one with a default) may be left out, and takes its
/// default on every row; when every input is left out, that is one row. Anything else is a
/// <see cref="PredictionInputException"/> that names the field and says what was expected.
/// </summary>
public static class FunctionInputs
{
    public static IReadOnlyList<object?> Read(JsonElement body, CompiledFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("inputs", out var inputs))
        {
            throw Bad($"The body must be a JSON object with 'inputs': {{{string.Join(", ", function.Inputs.Select(i => $"\"{i.Name}\": [{Example(i)}, …]"))}}}.");
        }

        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"'inputs' must be a JSON object with one array per input ({Names(function)}), not {Kind(inputs)}.");
        }

        foreach (var property in inputs.EnumerateObject())
        {
            if (!function.Inputs.Any(i => i.Name == property.Name))
            {
                throw Bad($"inputs.{property.Name}: the function has no such input; its inputs are {Names(function)}.");
            }
        }

        var columns = new List<(FunctionField Field, JsonElement Values)>();
        string? firstName = null;
        var rows = -1;
        foreach (var field in function.Inputs)
        {
            if (!inputs.TryGetProperty(field.Name, out var column))
            {
                if (field.Required)
                {
                    throw Bad($"inputs.{field.Name} is missing: the function needs it ({Describe(field)}).");
                }

                continue;
            }

            if (column.ValueKind != JsonValueKind.Array)
            {
                throw Bad($"inputs.{field.Name} must be an array with one value per row ({Describe(field)}), not {Kind(column)}.");
            }

            var count = column.GetArrayLength();
            if (count == 0)
            {
                throw Bad($"inputs.{field.Name} is empty: send at least one row.");
            }

            if (rows >= 0 && count != rows)
            {
                throw Bad($"inputs.{field.Name} has {count} rows but inputs.{firstName} has {rows}: every input needs one value per row.");
            }

            firstName ??= field.Name;
            rows = count;
            columns.Add((field, column));
        }

        if (rows < 0)
        {
            // Every input may be left out (each has a default) and all were: one row of the defaults.
            rows = 1;
        }

        var values = new object?[rows];
        for (var row = 0; row < rows; row++)
        {
            // Each value on its own first, so that a bad one is named; then the row as the input object.
            object? single = null;
            foreach (var (field, column) in columns)
            {
                single = Check(field, column[row], row);
            }

            values[row] = function.InputIsRecord ? Record(function, columns, row)
                : columns.Count == 0 ? function.DefaultInput
                : single;
        }

        return values;
    }

    private static object? Check(FunctionField field, JsonElement value, int row)
    {
        try
        {
            return value.Deserialize(field.Type, FunctionJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            var simple = field.Spec.Type is not ("object" or "array") && field.Spec.Shape.Count == 1;
            throw Bad(simple
                ? $"inputs.{field.Name}[{row}] is {Shorten(value.GetRawText())}: expected {Expected(field)}."
                : $"inputs.{field.Name}[{row}] is not {Expected(field)}: {e.Message}", e);
        }
    }

    private static object? Record(CompiledFunction function, List<(FunctionField Field, JsonElement Values)> columns, int row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (field, column) in columns)
            {
                writer.WritePropertyName(field.Name);
                column[row].WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.WrittenSpan, function.InputType, FunctionJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw Bad($"inputs, row {row}: cannot make a {function.InputType.Name} of it: {e.Message}", e);
        }
    }

    private static string Describe(FunctionField field) => $"{field.Spec.Type}: {(field.Spec.Shape.Count > 1 ? "an array" : field.Spec.Type == "object" ? "an object" : "one value")} per row";

    private static string Expected(FunctionField field) => field.Spec.Type switch
    {
        "float32" or "float64" or "decimal" => $"a number ({field.Spec.Type})",
        "int64" or "int32" or "int16" or "uint8" => $"a whole number ({field.Spec.Type})",
        "bool" => "true or false",
        "string" => "a string",
        _ when field.Spec.Shape.Count > 1 => $"an array of {field.Spec.Type} values",
        _ => $"a {field.Type.Name}",
    };

    private static string Example(FunctionField field) => field.Spec.Type switch
    {
        "string" => "\"text\"",
        "bool" => "true",
        "object" => "{…}",
        _ when field.Spec.Shape.Count > 1 => "[…]",
        _ => "1.0",
    };

    private static string Names(CompiledFunction function) => string.Join(", ", function.Inputs.Select(i => $"'{i.Name}'"));

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Shorten(e.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..40]}…");

    private static PredictionInputException Bad(string message, Exception? inner = null) =>
        inner is null ? new PredictionInputException(message) : new PredictionInputException(message, inner);
}
