using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AIStudio.Serving;

/// <summary>
/// Writes a model's outputs as the predict endpoints answer them: <c>{"version": n, "outputs": {"name": [values…]}}</c>,
/// one element per row — a value where the output has one value per row (<c>[-1, 1]</c>), a nested array where it has
/// more. NaN and infinities, which JSON has no number for, are written as the strings "NaN", "Infinity" and "-Infinity"
/// (<see cref="NamedFloats"/>), as C# functions' answers have them. The values are read where ONNX Runtime left them.
/// </summary>
public static class PredictionOutputs
{
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>The answer for outputs <paramref name="names"/> and their <paramref name="values"/>, in the same order.</summary>
    public static byte[] Write(int version, IReadOnlyList<string> names, IReadOnlyList<OrtValue> values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        // The thread's buffer and writer, made once (writing never awaits): only the answer's own bytes are new.
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        try
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            json.WriteStartObject("outputs");
            for (var i = 0; i < names.Count; i++)
            {
                json.WritePropertyName(names[i]);
                Output(json, values[i]);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                // A large answer's buffer is not kept for the thread's next one.
                t_buffer = null;
                t_json = null;
            }
        }
    }

    private static void Output(Utf8JsonWriter json, OrtValue value)
    {
        if (value.OnnxType != OnnxValueType.ONNX_TYPE_TENSOR)
        {
            // Maps and sequences (not produced by ML.NET's exporter): named in the schema, not carried here.
            json.WriteNullValue();
            return;
        }

        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        switch (info.ElementDataType)
        {
            case TensorElementType.Float: Tensor(json, shape, value.GetTensorDataAsSpan<float>(), NamedFloats.Write); break;
            case TensorElementType.Double: Tensor(json, shape, value.GetTensorDataAsSpan<double>(), NamedFloats.Write); break;
            case TensorElementType.Int64: Tensor(json, shape, value.GetTensorDataAsSpan<long>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.Int32: Tensor(json, shape, value.GetTensorDataAsSpan<int>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.UInt32: Tensor(json, shape, value.GetTensorDataAsSpan<uint>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.UInt64: Tensor(json, shape, value.GetTensorDataAsSpan<ulong>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.Int16: Tensor(json, shape, value.GetTensorDataAsSpan<short>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.UInt8: Tensor(json, shape, value.GetTensorDataAsSpan<byte>(), static (w, v) => w.WriteNumberValue(v)); break;
            case TensorElementType.Bool: Tensor(json, shape, value.GetTensorDataAsSpan<bool>(), static (w, v) => w.WriteBooleanValue(v)); break;
            case TensorElementType.String: Tensor<string>(json, shape, value.GetStringTensorAsArray(), static (w, v) => w.WriteStringValue(v)); break;
            default: json.WriteNullValue(); break;
        }
    }

    private static void Tensor<T>(Utf8JsonWriter json, long[] dimensions, ReadOnlySpan<T> values, Action<Utf8JsonWriter, T> write)
    {
        if (dimensions.Length == 0)
        {
            json.WriteStartArray();
            write(json, values[0]);
            json.WriteEndArray();
            return;
        }

        // Rows of one value are written flat: [a, b, c] rather than [[a], [b], [c]].
        var kept = 0;
        for (var d = 1; d < dimensions.Length; d++)
        {
            kept += dimensions[d] == 1 ? 0 : 1;
        }

        Span<int> inner = kept <= 16 ? stackalloc int[kept] : new int[kept];
        kept = 0;
        for (var d = 1; d < dimensions.Length; d++)
        {
            if (dimensions[d] != 1)
            {
                inner[kept++] = checked((int)dimensions[d]);
            }
        }

        var index = 0;
        Nested(json, checked((int)dimensions[0]), inner, 0, values, ref index, write);
    }

    private static void Nested<T>(Utf8JsonWriter json, int count, ReadOnlySpan<int> inner, int depth, ReadOnlySpan<T> values, ref int index, Action<Utf8JsonWriter, T> write)
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
