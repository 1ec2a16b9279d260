using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Courses.Grading;

/// <summary>Source-generated JSON for grading reports.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GradingReport))]
[JsonSerializable(typeof(IReadOnlyList<SubmissionProblem>))]
public sealed partial class GradingJson : JsonSerializerContext
{
    public static string Serialize(GradingReport report) => JsonSerializer.Serialize(report, Default.GradingReport);

    public static GradingReport? Deserialize(string json) => JsonSerializer.Deserialize(json, Default.GradingReport);
}
