using System.Text.Json;

namespace AIStudio.Hub.Contents;

/// <summary>Checks that JSON is an nbformat 4 notebook (the structure nbformat's schema requires), saying what is wrong.</summary>
public static class NotebookValidator
{
    private static readonly string[] CellTypes = ["code", "markdown", "raw"];

    /// <summary>The first problem found, or null when the notebook is valid.</summary>
    public static string? Validate(JsonElement notebook)
    {
        if (notebook.ValueKind != JsonValueKind.Object)
        {
            return "a notebook is a JSON object";
        }

        if (!notebook.TryGetProperty("nbformat", out var major) || major.ValueKind != JsonValueKind.Number || !major.TryGetInt32(out var version))
        {
            return "'nbformat' is missing or not an integer";
        }

        if (version != 4)
        {
            return $"nbformat {version} is not supported (only 4)";
        }

        if (!notebook.TryGetProperty("nbformat_minor", out var minor) || minor.ValueKind != JsonValueKind.Number || !minor.TryGetInt32(out _))
        {
            return "'nbformat_minor' is missing or not an integer";
        }

        if (!notebook.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return "'metadata' is missing or not an object";
        }

        if (!notebook.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
        {
            return "'cells' is missing or not an array";
        }

        var index = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            if (ValidateCell(cell) is { } problem)
            {
                return $"cell {index}: {problem}";
            }

            index++;
        }

        return null;
    }

    private static string? ValidateCell(JsonElement cell)
    {
        if (cell.ValueKind != JsonValueKind.Object)
        {
            return "a cell is a JSON object";
        }

        if (!cell.TryGetProperty("cell_type", out var type) || type.ValueKind != JsonValueKind.String || !CellTypes.Contains(type.GetString()))
        {
            return "'cell_type' must be code, markdown or raw";
        }

        if (!cell.TryGetProperty("source", out var source) || !IsMultilineString(source))
        {
            return "'source' must be a string or a list of strings";
        }

        if (cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Object)
        {
            return "'metadata' must be an object";
        }

        if (type.GetString() == "code")
        {
            if (cell.TryGetProperty("outputs", out var outputs) && outputs.ValueKind != JsonValueKind.Array)
            {
                return "'outputs' must be a list";
            }

            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number))
            {
                return "'execution_count' must be an integer or null";
            }
        }

        return null;
    }

    private static bool IsMultilineString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String));
}
