using System.Text.Json;
using AIStudio.Kernel.Engine;

namespace AIStudio.Kernel.Handlers;

/// <summary>One entry of execute_reply.user_expressions: {status, data, metadata} or {status: error, ename, evalue, traceback}.</summary>
internal static class UserExpressionResult
{
    public static JsonElement ToJson(ExecutionOutcome outcome)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (outcome.Error is { } error)
            {
                writer.WriteString("status", "error");
                writer.WriteString("ename", error.Name);
                writer.WriteString("evalue", error.Value);
                writer.WritePropertyName("traceback");
                writer.WriteStartArray();
                foreach (var line in error.Traceback)
                {
                    writer.WriteStringValue(line);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("status", "ok");
                writer.WritePropertyName("data");
                writer.WriteStartObject();
                foreach (var (mime, value) in outcome.Result?.Data ?? [])
                {
                    writer.WritePropertyName(mime);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
                writer.WritePropertyName("metadata");
                writer.WriteStartObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
