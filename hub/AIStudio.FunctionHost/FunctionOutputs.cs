using System.Text.Json;

namespace AIStudio.FunctionHost;

/// <summary>
/// Writes the answer as the hub's ONNX versions do: <c>{"version": n, "outputs": {"field": [one value per row], …}}</c>,
/// one array per property of the function's output (or one, <c>output</c>, for a single value).
/// </summary>
public static class FunctionOutputs
{
    public static byte[] Write(int version, CompiledFunction function, IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Select(r => JsonSerializer.SerializeToElement(r, function.OutputType, FunctionJson.Options)).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            json.WriteStartObject("outputs");
            foreach (var field in function.Outputs)
            {
                json.WriteStartArray(field.Name);
                foreach (var row in rows)
                {
                    if (!function.OutputIsRecord)
                    {
                        row.WriteTo(json);
                    }
                    else if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(field.Name, out var value))
                    {
                        value.WriteTo(json);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
