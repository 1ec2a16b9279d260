using System.Text.Json.Nodes;
using AIStudio.Courses.Grading;

namespace AIStudio.Courses.Notebooks;

/// <summary>
/// One cell of a notebook: a view over its JSON object, so fields this code does not know (attachments, ids, tool
/// metadata) survive a read and a write.
/// </summary>
public sealed class NotebookCell
{
    public const string Code = "code";
    public const string Markdown = "markdown";
    public const string Raw = "raw";

    internal NotebookCell(JsonObject json, int index, SourcePosition position)
    {
        Json = json;
        Index = index;
        Position = position;
    }

    /// <summary>The cell's JSON; changes to it are written with the notebook.</summary>
    public JsonObject Json { get; }

    /// <summary>0-based position among the notebook's cells when it was read.</summary>
    public int Index { get; }

    /// <summary>Where the cell's object starts in the .ipynb file (unknown for cells made in memory).</summary>
    public SourcePosition Position { get; }

    /// <summary>code, markdown or raw.</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The source as one string (nbformat allows a list of lines on disk).</summary>
    public string Source
    {
        get => NotebookJson.JoinSource(Json["source"]);
        set => Json["source"] = value;
    }

    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is JsonObject metadata)
            {
                return metadata;
            }

            var created = new JsonObject();
            Json["metadata"] = created;
            return created;
        }
    }

    /// <summary>The cell's nbgrader metadata, or null when it has none.</summary>
    public NbgraderMetadata? Nbgrader => Json["metadata"] is JsonObject metadata && metadata["nbgrader"] is JsonObject nbgrader
        ? NbgraderMetadata.FromJson(nbgrader)
        : null;

    /// <summary>A short name for messages: the grade_id where there is one, else the cell's number.</summary>
    public string DisplayName => Nbgrader?.GradeId is { Length: > 0 } id
        ? FormattableString.Invariant($"cell {Index + 1} ('{id}')")
        : FormattableString.Invariant($"cell {Index + 1}");

    /// <summary>Replaces the nbgrader metadata (or removes it when null).</summary>
    public void SetNbgrader(NbgraderMetadata? nbgrader)
    {
        if (nbgrader is null)
        {
            Metadata.Remove("nbgrader");
        }
        else
        {
            Metadata["nbgrader"] = nbgrader.ToJson(Metadata["nbgrader"] as JsonObject);
        }
    }

    /// <summary>Drops outputs and the execution count of a code cell (what a released or cleared notebook has).</summary>
    public void ClearOutputs()
    {
        if (CellType == Code)
        {
            Json["outputs"] = new JsonArray();
            Json["execution_count"] = null;
        }
    }

    /// <summary>A copy detached from its notebook (same position, for messages).</summary>
    public NotebookCell Clone() => new((JsonObject)Json.DeepClone(), Index, Position);
}
