using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Courses.Notebooks;

/// <summary>
/// An nbformat 4 notebook held as JSON nodes: cells are views over the JSON, so unknown fields are kept on a round trip.
/// Reading checks the shape nbformat 4 requires and records where each cell starts in the file.
/// </summary>
public sealed class Notebook
{
    private readonly JsonObject _root;
    private List<NotebookCell> _cells;

    private Notebook(JsonObject root, List<NotebookCell> cells, string? path)
    {
        _root = root;
        _cells = cells;
        Path = path;
    }

    /// <summary>The file it was read from, for messages; null when made in memory.</summary>
    public string? Path { get; }

    public IReadOnlyList<NotebookCell> Cells => _cells;

    public JsonObject Metadata => _root["metadata"] as JsonObject ?? throw new InvalidOperationException("The notebook has no metadata.");

    /// <summary>Reads and checks an .ipynb file.</summary>
    public static async Task<Notebook> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path);
    }

    /// <summary>Parses UTF-8 .ipynb text; throws <see cref="NotebookFormatException"/> with line and column when it is not nbformat 4.</summary>
    public static Notebook Parse(ReadOnlySpan<byte> utf8, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? -1) + 1;
            var column = (int)(e.BytePositionInLine ?? -1) + 1;
            throw new NotebookFormatException($"Not valid JSON: {e.Message}", line, column, e);
        }

        if (node is not JsonObject root)
        {
            throw new NotebookFormatException("A notebook is a JSON object with nbformat, metadata and cells.", 1, 1);
        }

        if (root["nbformat"] is not JsonValue format || !format.TryGetValue<int>(out var major) || major != 4)
        {
            throw new NotebookFormatException("Only nbformat 4 notebooks are supported: set \"nbformat\": 4 (save it with Jupyter 4 or later).", 1, 1);
        }

        if (root["metadata"] is not JsonObject)
        {
            throw new NotebookFormatException("The notebook has no \"metadata\" object.", 1, 1);
        }

        if (root["cells"] is not JsonArray cellsJson)
        {
            throw new NotebookFormatException("The notebook has no \"cells\" list.", 1, 1);
        }

        var positions = CellPositions(utf8);
        var cells = new List<NotebookCell>(cellsJson.Count);
        for (var i = 0; i < cellsJson.Count; i++)
        {
            var position = i < positions.Count ? positions[i] : SourcePosition.Unknown;
            if (cellsJson[i] is not JsonObject cellJson)
            {
                throw new NotebookFormatException($"Cell {i + 1} is not a JSON object.", position.Line, position.Column);
            }

            CheckCell(cellJson, i, position);
            cells.Add(new NotebookCell(cellJson, i, position));
        }

        return new Notebook(root, cells, path);
    }

    /// <summary>A deep copy (cells keep their positions).</summary>
    public Notebook Clone()
    {
        var root = (JsonObject)_root.DeepClone();
        var cells = ((JsonArray)root["cells"]!).Select((c, i) => new NotebookCell((JsonObject)c!, i, _cells[i].Position)).ToList();
        return new Notebook(root, cells, Path);
    }

    /// <summary>Replaces the cells (in this order).</summary>
    public void SetCells(IEnumerable<NotebookCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var list = cells.ToList();
        var array = new JsonArray();
        foreach (var cell in list)
        {
            cell.Json.Parent?.AsArray().Remove(cell.Json);
            array.Add(cell.Json);
        }

        _root["cells"] = array;
        _cells = list;
    }

    /// <summary>The file's bytes as Jupyter writes them (1-space indent, sorted keys, trailing newline).</summary>
    public byte[] ToUtf8Bytes() => NotebookJson.Serialize(_root);

    /// <summary>Writes atomically: a temporary file beside the target, then a rename, so readers never see half a notebook.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, ToUtf8Bytes(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void CheckCell(JsonObject cell, int index, SourcePosition position)
    {
        var name = FormattableString.Invariant($"Cell {index + 1}");
        var type = cell["cell_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type is not (NotebookCell.Code or NotebookCell.Markdown or NotebookCell.Raw))
        {
            throw new NotebookFormatException($"{name} has cell_type '{type}': use code, markdown or raw.", position.Line, position.Column);
        }

        var source = cell["source"];
        var sourceOk = source switch
        {
            JsonValue v => v.TryGetValue<string>(out _),
            JsonArray lines => lines.All(l => l is JsonValue lv && lv.TryGetValue<string>(out _)),
            _ => false,
        };
        if (!sourceOk)
        {
            throw new NotebookFormatException($"{name} has no \"source\" (a string or a list of strings).", position.Line, position.Column);
        }

        if (cell["metadata"] is not JsonObject)
        {
            throw new NotebookFormatException($"{name} has no \"metadata\" object.", position.Line, position.Column);
        }

        if (type == NotebookCell.Code && cell["outputs"] is not JsonArray)
        {
            throw new NotebookFormatException($"{name} is a code cell without an \"outputs\" list.", position.Line, position.Column);
        }
    }

    /// <summary>Where each object of the top-level "cells" array starts, read with Utf8JsonReader's token offsets.</summary>
    private static List<SourcePosition> CellPositions(ReadOnlySpan<byte> utf8)
    {
        var positions = new List<SourcePosition>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        var inCells = false;
        var lastOffset = 0L;
        var line = 1;
        var lineStart = 0L;
        while (reader.Read())
        {
            if (!inCells)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("cells"u8))
                {
                    reader.Read();
                    inCells = reader.TokenType == JsonTokenType.StartArray;
                    if (!inCells)
                    {
                        reader.Skip();
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    reader.Skip();
                }

                continue;
            }

            if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1)
            {
                break;
            }

            // Count lines incrementally from the last cell start: one pass over the file in all.
            var offset = reader.TokenStartIndex;
            for (var i = lastOffset; i < offset; i++)
            {
                if (utf8[(int)i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            lastOffset = offset;
            positions.Add(new SourcePosition(line, (int)(offset - lineStart) + 1));
            reader.Skip();
        }

        return positions;
    }
}
