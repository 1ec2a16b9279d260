using System.Text.Json.Nodes;

namespace AIStudio.Courses.Grading;

/// <summary>
/// A cell's <c>metadata.nbgrader</c> (schema version 3), as nbgrader writes it: <c>grade</c> (tests or points),
/// <c>solution</c> (the student answers here), <c>locked</c> (read-only), <c>task</c> (a manually graded task),
/// <c>grade_id</c>, <c>points</c>, <c>checksum</c> and <c>schema_version</c>.
/// </summary>
public sealed record NbgraderMetadata
{
    public const int CurrentSchemaVersion = 3;

    public bool Grade { get; init; }

    public bool Solution { get; init; }

    public bool Locked { get; init; }

    public bool Task { get; init; }

    public string? GradeId { get; init; }

    public double? Points { get; init; }

    public string? Checksum { get; init; }

    public int? SchemaVersion { get; init; }

    /// <summary>The cell type recorded with the checksum (nbgrader 0.6+ stores it, to detect a changed type).</summary>
    public string? CellType { get; init; }

    /// <summary>Read-only for the student in nbgrader's sense: locked, or a test cell (grade without solution), never a solution cell.</summary>
    public bool IsEffectivelyLocked => !Solution && (Grade || Locked || Task);

    /// <summary>A cell whose checksum nbgrader tracks: grade, solution, locked or task.</summary>
    public bool IsTracked => Grade || Solution || Locked || Task;

    public static NbgraderMetadata FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new NbgraderMetadata
        {
            Grade = Bool(json, "grade"),
            Solution = Bool(json, "solution"),
            Locked = Bool(json, "locked"),
            Task = Bool(json, "task"),
            GradeId = json["grade_id"] is JsonValue id && id.TryGetValue<string>(out var s) ? s : null,
            Points = json["points"] is JsonValue p && TryNumber(p, out var points) ? points : null,
            Checksum = json["checksum"] is JsonValue c && c.TryGetValue<string>(out var checksum) ? checksum : null,
            SchemaVersion = json["schema_version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : null,
            CellType = json["cell_type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : null,
        };
    }

    /// <summary>The JSON object, on top of <paramref name="existing"/> so that fields of other nbgrader versions are kept.</summary>
    public JsonObject ToJson(JsonObject? existing = null)
    {
        var json = existing is null ? new JsonObject() : (JsonObject)existing.DeepClone();
        json["grade"] = Grade;
        json["solution"] = Solution;
        json["locked"] = Locked;
        if (Task)
        {
            json["task"] = true;
        }
        else
        {
            json.Remove("task");
        }

        Set(json, "grade_id", GradeId is null ? null : JsonValue.Create(GradeId));
        Set(json, "points", Points is { } points ? (points == Math.Floor(points) && Math.Abs(points) < 1e15 ? JsonValue.Create((long)points) : JsonValue.Create(points)) : null);
        Set(json, "checksum", Checksum is null ? null : JsonValue.Create(Checksum));
        Set(json, "cell_type", CellType is null ? null : JsonValue.Create(CellType));
        json["schema_version"] = SchemaVersion ?? CurrentSchemaVersion;
        return json;
    }

    internal static bool TryNumber(JsonValue value, out double number)
    {
        if (value.TryGetValue(out number))
        {
            return true;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            number = integer;
            return true;
        }

        return false;
    }

    private static bool Bool(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is null)
        {
            json.Remove(name);
        }
        else
        {
            json[name] = value;
        }
    }
}
