using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Notebooks;

/// <summary>JSON details of nbformat: multi-line strings as lists of lines, and Jupyter's own way of writing files.</summary>
internal static class NotebookJson
{
    /// <summary>Keys whose multi-line string values Jupyter writes as a list of lines (nbformat's split_lines).</summary>
    private static readonly HashSet<string> MultilineKeys = new(StringComparer.Ordinal) { "source", "text" };

    public static string JoinSource(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    /// <summary>
    /// Writes the notebook as Jupyter does (<c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c> plus a
    /// newline, sources split into lines), so a file saved here and one saved by Jupyter diff cleanly.
    /// </summary>
    public static byte[] Serialize(JsonNode root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Write(writer, root, key: null);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, string? key)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, name);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, key: null);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when key is not null && MultilineKeys.Contains(key) && value.TryGetValue<string>(out var text):
                writer.WriteStartArray();
                foreach (var line in SplitLines(text))
                {
                    writer.WriteStringValue(line);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>Lines with their line breaks kept, as Python's str.splitlines(keepends=True) for \n and \r\n.</summary>
    internal static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    /// <summary>1-based line and column of a byte offset in UTF-8 text.</summary>
    public static SourcePosition PositionOf(ReadOnlySpan<byte> utf8, long offset)
    {
        var line = 1;
        var lineStart = 0;
        var end = (int)Math.Min(offset, utf8.Length);
        for (var i = 0; i < end; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(utf8[lineStart..end]) + 1;
        return new SourcePosition(line, column);
    }
}
