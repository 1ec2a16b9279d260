using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Hub.Contents;

/// <summary>
/// The Polyglot Notebooks <c>.dib</c> format (VS Code's .NET Interactive notebooks): plain text, a <c>#!meta</c> block of
/// JSON first, then cells, each opened by a line <c>#!KERNEL</c> (<c>#!markdown</c>, <c>#!csharp</c>, <c>#!fsharp</c> …).
/// It keeps no outputs. Read into an nbformat 4 notebook (each code cell's kernel in its
/// <c>metadata.dotnet_interactive.language</c>, as Polyglot Notebooks writes .ipynb) and written back the same way.
/// </summary>
public static class DibFormat
{
    private const string DefaultKernel = "csharp";

    /// <summary>Reads a .dib text as an nbformat 4 notebook.</summary>
    public static JsonObject ToNotebook(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cells = new JsonArray();
        JsonNode? meta = null;
        string? kernel = null;
        var lines = new List<string>();
        var defaultKernel = DefaultKernel;

        void Flush()
        {
            if (kernel is null)
            {
                return;
            }

            var source = string.Join('\n', TrimBlankEdges(lines));
            if (kernel == "meta")
            {
                try
                {
                    meta = source.Length == 0 ? null : JsonNode.Parse(source);
                }
                catch (JsonException e)
                {
                    throw new FormatException($"The #!meta block is not JSON: {e.Message}", e);
                }

                defaultKernel = meta?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? DefaultKernel;
            }
            else if (kernel == "markdown")
            {
                cells.Add(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source });
            }
            else
            {
                cells.Add(new JsonObject
                {
                    ["cell_type"] = "code",
                    ["execution_count"] = null,
                    ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = kernel } },
                    ["outputs"] = new JsonArray(),
                    ["source"] = source,
                });
            }

            lines.Clear();
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.StartsWith("#!", StringComparison.Ordinal) && raw.Length > 2 && raw[2..].All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Flush();
                kernel = raw[2..];
                continue;
            }

            if (kernel is null)
            {
                if (raw.Trim().Length == 0)
                {
                    continue;
                }

                kernel = defaultKernel; // text before any cell marker is a code cell of the default kernel
            }

            lines.Add(raw);
        }

        Flush();
        var metadata = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = "aistudio-csharp", ["display_name"] = "C# (AI Studio)", ["language"] = "csharp" },
            ["language_info"] = new JsonObject { ["name"] = "csharp" },
        };
        if (meta is not null)
        {
            metadata["polyglot_notebook"] = meta["kernelInfo"]?.DeepClone() ?? meta.DeepClone();
        }

        return new JsonObject { ["cells"] = cells, ["metadata"] = metadata, ["nbformat"] = 4, ["nbformat_minor"] = 5 };
    }

    /// <summary>Writes an nbformat 4 notebook as .dib text (outputs are not kept: the format has no place for them).</summary>
    public static byte[] FromNotebook(JsonElement notebook)
    {
        var text = new StringBuilder();
        var kernelInfo = notebook.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("polyglot_notebook", out var polyglot)
            ? polyglot.GetRawText()
            : "{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}";
        text.Append("#!meta\n\n{\"kernelInfo\":").Append(kernelInfo).Append("}\n");
        foreach (var cell in notebook.GetProperty("cells").EnumerateArray())
        {
            var type = cell.GetProperty("cell_type").GetString();
            var kernel = type switch
            {
                "markdown" => "markdown",
                "code" => cell.TryGetProperty("metadata", out var cellMetadata) && cellMetadata.TryGetProperty("dotnet_interactive", out var di)
                    && di.TryGetProperty("language", out var language) && language.GetString() is { Length: > 0 } name ? name : DefaultKernel,
                _ => "markdown", // raw cells keep their text as markdown: .dib has no raw cells
            };
            text.Append("\n#!").Append(kernel).Append("\n\n").Append(Source(cell.GetProperty("source"))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Source(JsonElement source) => source.ValueKind == JsonValueKind.Array
        ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
        : source.GetString() ?? "";

    private static IEnumerable<string> TrimBlankEdges(List<string> lines)
    {
        var start = lines.FindIndex(l => l.Trim().Length > 0);
        var end = lines.FindLastIndex(l => l.Trim().Length > 0);
        return start < 0 ? [] : lines.GetRange(start, end - start + 1);
    }
}
