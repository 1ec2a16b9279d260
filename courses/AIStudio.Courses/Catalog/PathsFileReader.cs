using AIStudio.Courses.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AIStudio.Courses.Catalog;

/// <summary>Reads paths.yml: <c>paths:</c>, a list of audience, title, courses (slugs in order) and required_assignments (<c>slug/notebook</c>).</summary>
internal static class PathsFileReader
{
    public const string FileName = "paths.yml";

    private static readonly string[] Fields = ["audience", "title", "courses", "required_assignments"];

    public static async Task<IReadOnlyList<(LearningPath Path, Mark Mark, IReadOnlyList<(string Value, Mark Mark)> Courses, IReadOnlyList<(string Value, Mark Mark)> Required)>> ReadAsync(
        string file, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var result = new List<(LearningPath, Mark, IReadOnlyList<(string, Mark)>, IReadOnlyList<(string, Mark)>)>();
        var yaml = new YamlFields(file, problems);
        var root = yaml.Load(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        if (root is null)
        {
            return result;
        }

        if (root is not YamlMappingNode mapping)
        {
            yaml.Error(root.Start, "paths.yml is a mapping with one field, 'paths': a list of learning paths.");
            return result;
        }

        yaml.CheckKeys(mapping, ["paths"]);
        if (yaml.Get(mapping, "paths", required: true) is not { } pathsNode)
        {
            return result;
        }

        if (pathsNode is not YamlSequenceNode paths)
        {
            yaml.Error(pathsNode.Start, "'paths' must be a list of entries with audience, title, courses and required_assignments.");
            return result;
        }

        var seen = new Dictionary<AudienceLevel, Mark>();
        foreach (var entry in paths)
        {
            if (entry is not YamlMappingNode fields)
            {
                yaml.Error(entry.Start, "Each path needs audience, title and courses.");
                continue;
            }

            yaml.CheckKeys(fields, Fields);
            var audienceText = yaml.String(fields, "audience");
            var audience = AudienceLevel.Students;
            var audienceOk = audienceText is not null && Enum.TryParse(audienceText, ignoreCase: true, out audience);
            if (audienceText is not null && !audienceOk)
            {
                yaml.Error(yaml.Get(fields, "audience", required: false)!.Start, $"Audience '{audienceText}' is not one of children, students, professionals, experts.");
            }
            else if (audienceOk && seen.TryGetValue(audience, out var first))
            {
                yaml.Error(fields.Start, $"A second path for '{audienceText}' (the first is on line {first.Line}): one path per audience.");
            }
            else if (audienceOk)
            {
                seen[audience] = fields.Start;
            }

            var courses = yaml.Strings(fields, "courses", required: true);
            var required = yaml.Strings(fields, "required_assignments");
            result.Add((new LearningPath(audience, yaml.String(fields, "title") ?? "", [.. courses.Select(c => c.Value)], [.. required.Select(r => r.Value)]), fields.Start, courses, required));
        }

        foreach (var missing in Enum.GetValues<AudienceLevel>().Where(a => !seen.ContainsKey(a)))
        {
            yaml.Warning(mapping.Start, $"No path for '{missing.ToString().ToLowerInvariant()}': add one so that audience has a route through the courses.");
        }

        return result;
    }
}
