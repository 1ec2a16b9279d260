using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Serving;

/// <summary>
/// Reads a predict request's body, <c>{"inputs": {"name": [values…], …}}</c>, into one tensor per model input: one array
/// per input, one element per row (a nested array per row where the input has more than one value per row; a flat array
/// where it has one, such as ML.NET's <c>[-1, 1]</c> columns). Anything else is a <see cref="PredictionInputException"/> that names the field and says what
/// was expected.
/// </summary>
public static class PredictionInputs
{
    private const int KeptElements = 4096;

    [ThreadStatic]
    private static List<JsonElement>? t_elements;

    /// <summary>The tensors for <paramref name="schema"/>'s inputs, which the caller disposes after the run.</summary>
    public static ModelInputs Read(JsonElement body, DeploymentSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("inputs", out var inputs))
        {
            throw Bad($"The body must be a JSON object with 'inputs': {{{string.Join(", ", schema.Inputs.Select(i => $"\"{i.Name}\": [{Example(i)}, …]"))}}}.");
        }

        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"'inputs' must be a JSON object with one array per model input ({Names(schema)}), not {Kind(inputs)}.");
        }

        foreach (var property in inputs.EnumerateObject())
        {
            if (!HasInput(schema, property.Name))
            {
                throw Bad($"inputs.{property.Name}: the model has no such input; its inputs are {Names(schema)}.");
            }
        }

        var values = new ModelInputs(schema.Inputs.Count);
        try
        {
            string? firstName = null;
            var rows = -1;
            for (var i = 0; i < schema.Inputs.Count; i++)
            {
                var spec = schema.Inputs[i];
                if (!inputs.TryGetProperty(spec.Name, out var column))
                {
                    throw Bad($"inputs.{spec.Name} is missing: the model needs it ({Describe(spec)}). ML.NET's exported models take every column they were trained with, the label included.");
                }

                var (value, count) = Tensor(spec, column);
                values.Add(spec.Name, value);
                if (rows >= 0 && count != rows)
                {
                    throw Bad($"inputs.{spec.Name} has {count} rows but inputs.{firstName} has {rows}: every input needs one value per row.");
                }

                firstName ??= spec.Name;
                rows = count;
            }

            return values;
        }
        catch
        {
            values.Dispose();
            throw;
        }
    }

    private static bool HasInput(DeploymentSchema schema, string name)
    {
        var inputs = schema.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static (OrtValue Value, int Rows) Tensor(TensorSpec spec, JsonElement column)
    {
        if (column.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"inputs.{spec.Name} must be an array with one value per row ({Describe(spec)}), not {Kind(column)}.");
        }

        var shape = spec.Shape;
        var rows = column.GetArrayLength();
        if (rows == 0)
        {
            throw Bad($"inputs.{spec.Name} is empty: send at least one row.");
        }

        if (shape.Count > 0 && shape[0] > 0 && shape[0] != rows)
        {
            throw Bad($"inputs.{spec.Name} has {rows} rows: the model takes exactly {shape[0]} ({Describe(spec)}).");
        }

        if (shape.Count == 0 && rows != 1)
        {
            throw Bad($"inputs.{spec.Name} takes a single value (a scalar), sent as an array of one; it has {rows}.");
        }

        // The shape of one row: fixed dimensions as the model says, free ones (-1) from the first row.
        var inner = new int[Math.Max(shape.Count - 1, 0)];
        var flat = true;
        for (var d = 0; d < inner.Length; d++)
        {
            inner[d] = shape[d + 1];
            flat &= inner[d] == 1;
        }

        if (!flat)
        {
            var first = column[0];
            for (var d = 0; d < inner.Length; d++)
            {
                if (first.ValueKind != JsonValueKind.Array)
                {
                    throw Bad($"inputs.{spec.Name}[0] must be an array of {(inner[d] > 0 ? inner[d].ToString(CultureInfo.InvariantCulture) : "the same number of")} values ({Describe(spec)}), not {Kind(first)}.");
                }

                if (inner[d] <= 0)
                {
                    inner[d] = first.GetArrayLength();
                }

                first = first.GetArrayLength() > 0 ? first[0] : first;
            }
        }

        long perRow = 1;
        var fullShape = new long[shape.Count == 0 ? 0 : inner.Length + 1];
        if (fullShape.Length > 0)
        {
            fullShape[0] = rows;
        }

        for (var d = 0; d < inner.Length; d++)
        {
            perRow *= inner[d];
            fullShape[d + 1] = inner[d];
        }

        // The thread's list of elements, made once (reading never awaits), emptied after use.
        var elements = t_elements ??= [];
        elements.Clear();
        // A hint only, bounded: the row shape comes from the first row, and a request whose other rows do not match it
        // is refused as ragged before its elements could fill what its first row promised.
        elements.EnsureCapacity((int)Math.Min(rows * perRow, KeptElements));
        try
        {
            var r = 0;
            foreach (var item in column.EnumerateArray())
            {
                var row = item;
                if (flat)
                {
                    // [-1, 1] (ML.NET's columns): a value per row, or a row of one value.
                    if (row.ValueKind == JsonValueKind.Array)
                    {
                        if (row.GetArrayLength() != 1)
                        {
                            throw Bad($"inputs.{spec.Name}[{r}] has {row.GetArrayLength()} values: the model takes one per row ({Describe(spec)}).");
                        }

                        row = row[0];
                    }

                    elements.Add(row);
                }
                else
                {
                    Flatten(spec, row, inner, 0, r, elements);
                }

                r++;
            }

            var type = spec.Type;
            var value = type switch
            {
                TensorTypes.OnnxFloat => OrtValue.CreateTensorValueFromMemory(Convert(spec, elements, Single), fullShape),
                TensorTypes.OnnxDouble => OrtValue.CreateTensorValueFromMemory(Convert(spec, elements, Double), fullShape),
                TensorTypes.OnnxInt64 => OrtValue.CreateTensorValueFromMemory(Convert(spec, elements, Int64), fullShape),
                TensorTypes.OnnxInt32 => OrtValue.CreateTensorValueFromMemory(Convert(spec, elements, Int32), fullShape),
                TensorTypes.OnnxBool => OrtValue.CreateTensorValueFromMemory(Convert(spec, elements, Bool), fullShape),
                TensorTypes.OnnxString => Strings(spec, elements, fullShape),
                _ => throw Bad($"inputs.{spec.Name} has element type {type}, which the deployment host does not feed."),
            };
            return (value, rows);
        }
        finally
        {
            // No JsonElement (and its document) outlives the request in the thread's list; a large one is not kept.
            elements.Clear();
            if (elements.Capacity > KeptElements)
            {
                t_elements = null;
            }
        }
    }

    private static void Flatten(TensorSpec spec, JsonElement element, int[] inner, int depth, int row, List<JsonElement> into, int[]? path = null)
    {
        if (depth == inner.Length)
        {
            into.Add(element);
            return;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != inner[depth])
        {
            var at = $"inputs.{spec.Name}[{row}]" + string.Concat((path ?? []).Take(depth).Select(i => $"[{i}]"));
            throw Bad($"{at} must be an array of {inner[depth]} values like the other rows ({Describe(spec)}), not {(element.ValueKind == JsonValueKind.Array ? $"an array of {element.GetArrayLength()}" : Kind(element))}: rows may not be ragged.");
        }

        // Where the walk is, for the message above: the index at each depth (made only where rows have nested arrays).
        path ??= new int[inner.Length];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            path[depth] = i++;
            Flatten(spec, item, inner, depth + 1, row, into, path);
        }
    }

    private static T[] Convert<T>(TensorSpec spec, List<JsonElement> elements, Func<JsonElement, T?> convert)
        where T : struct
    {
        var result = new T[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            result[i] = convert(elements[i]) ?? throw Bad($"inputs.{spec.Name}{Index(spec, i)} is {Shorten(elements[i].GetRawText())}: expected {Expected(spec.Type)}.");
        }

        return result;
    }

    private static OrtValue Strings(TensorSpec spec, List<JsonElement> elements, long[] shape)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].ValueKind != JsonValueKind.String)
            {
                throw Bad($"inputs.{spec.Name}{Index(spec, i)} is {Shorten(elements[i].GetRawText())}: expected {Expected(spec.Type)}.");
            }
        }

        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        try
        {
            for (var i = 0; i < elements.Count; i++)
            {
                value.StringTensorSetElementAt(elements[i].GetString().AsSpan(), i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    private static string Index(TensorSpec spec, int flatIndex)
    {
        var perRow = spec.Shape.Count > 1 && spec.Shape.Skip(1).All(d => d > 0) ? spec.Shape.Skip(1).Aggregate(1, (a, b) => a * b) : 1;
        return perRow == 1 ? $"[{flatIndex}]" : $"[{flatIndex / perRow}] (value {flatIndex % perRow})";
    }

    // Missing values of floating-point columns (ML.NET reads them as NaN) may be sent as null; NaN and the infinities
    // also as the strings the answers use for them ("NaN", "Infinity", "-Infinity").
    private static float? Single(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetSingle(out var v) => v,
        JsonValueKind.Null => float.NaN,
        JsonValueKind.String => (float?)NamedFloats.Read(e),
        _ => null,
    };

    private static double? Double(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetDouble(out var v) => v,
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => NamedFloats.Read(e),
        _ => null,
    };

    private static long? Int64(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : null;

    private static int? Int32(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : null;

    private static bool? Bool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string Expected(string type) => type switch
    {
        TensorTypes.OnnxFloat or TensorTypes.OnnxDouble => $"a number ({type}; null for a missing value; \"NaN\", \"Infinity\" or \"-Infinity\")",
        TensorTypes.OnnxInt64 or TensorTypes.OnnxInt32 => $"a whole number ({type})",
        TensorTypes.OnnxBool => "true or false",
        TensorTypes.OnnxString => "a string",
        _ => type,
    };

    private static string Example(TensorSpec spec) => spec.Type switch
    {
        TensorTypes.OnnxString => "\"text\"",
        TensorTypes.OnnxBool => "true",
        _ when spec.Shape.Count > 1 && spec.Shape.Skip(1).Any(d => d != 1) => "[…]",
        _ => "1.0",
    };

    /// <summary>E.g. "float32, shape [-1, 1]: one number per row".</summary>
    public static string Describe(TensorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shape = $"shape [{string.Join(", ", spec.Shape)}]";
        var perRow = spec.Shape.Count <= 1 || spec.Shape.Skip(1).All(d => d == 1)
            ? $"one {Unit(spec.Type)} per row"
            : $"per row an array of {string.Join(" × ", spec.Shape.Skip(1).Select(d => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : "n"))} {Unit(spec.Type)}s";
        return $"{spec.Type}, {shape}: {perRow}";
    }

    private static string Unit(string type) => type switch
    {
        TensorTypes.OnnxString => "string",
        TensorTypes.OnnxBool => "boolean",
        _ => "number",
    };

    private static string Names(DeploymentSchema schema) => string.Join(", ", schema.Inputs.Select(i => $"'{i.Name}'"));

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Shorten(e.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static PredictionInputException Bad(string message) => new(message);
}
