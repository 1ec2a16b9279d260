using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AIStudio.Serving;

/// <summary>
/// Writes a model's outputs as the predict endpoints answer them: <c>{"version": n, "outputs": {"name": [values…]}}</c>,
/// one element per row — a value where the output has one value per row (<c>[-1, 1]</c>), a nested array where it has
/// more. NaN and infinities, which JSON has no number for, are written as the strings "NaN", "Infinity" and "-Infinity"
/// (<see cref="NamedFloats"/>), as C# functions' answers have them.
/// </summary>
public static class PredictionOutputs
{
    public static byte[] Write(int version, IEnumerable<DisposableNamedOnnxValue> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            json.WriteStartObject("outputs");
            foreach (var result in results)
            {
                json.WritePropertyName(result.Name);
                switch (result.Value)
                {
                    case Tensor<float> t: Tensor(json, t, NamedFloats.Write); break;
                    case Tensor<double> t: Tensor(json, t, NamedFloats.Write); break;
                    case Tensor<long> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<int> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<uint> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<ulong> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<short> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<byte> t: Tensor(json, t, (w, v) => w.WriteNumberValue(v)); break;
                    case Tensor<bool> t: Tensor(json, t, (w, v) => w.WriteBooleanValue(v)); break;
                    case Tensor<string> t: Tensor(json, t, (w, v) => w.WriteStringValue(v)); break;
                    default:
                        // Maps and sequences (not produced by ML.NET's exporter): named in the schema, not carried here.
                        json.WriteNullValue();
                        break;
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Tensor<T>(Utf8JsonWriter json, Tensor<T> tensor, Action<Utf8JsonWriter, T> write)
    {
        var dimensions = tensor.Dimensions.ToArray();
        var values = tensor.ToArray();
        if (dimensions.Length == 0)
        {
            json.WriteStartArray();
            write(json, values[0]);
            json.WriteEndArray();
            return;
        }

        // Rows of one value are written flat: [a, b, c] rather than [[a], [b], [c]].
        var inner = dimensions.AsSpan(1).ToArray().Where(d => d != 1).ToArray();
        var index = 0;
        Nested(json, dimensions[0], inner, 0, values, ref index, write);
    }

    private static void Nested<T>(Utf8JsonWriter json, int count, int[] inner, int depth, T[] values, ref int index, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            if (depth == inner.Length)
            {
                write(json, values[index++]);
            }
            else
            {
                Nested(json, inner[depth], inner, depth + 1, values, ref index, write);
            }
        }

        json.WriteEndArray();
    }
}
