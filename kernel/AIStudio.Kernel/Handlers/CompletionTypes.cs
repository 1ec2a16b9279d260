using System.Text.Json;
using AIStudio.Kernel.Engine;

namespace AIStudio.Kernel.Handlers;

/// <summary>The <c>_jupyter_types_experimental</c> metadata of complete_reply: JupyterLab shows each match's kind.</summary>
internal static class CompletionTypes
{
    public static JsonElement ToJson(IReadOnlyList<CompletionMatch> matches, int start, int end)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var match in matches)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", start);
                writer.WriteNumber("end", end);
                writer.WriteString("text", match.Text);
                writer.WriteString("type", match.Kind.ToLowerInvariant());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
