using System.Text.RegularExpressions;
using AIStudio.Courses.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AIStudio.Courses.Catalog;

/// <summary>Reads one course.yml into a <see cref="Course"/>, recording a problem for each field that is missing, unknown or wrong.</summary>
internal static partial class CourseFileReader
{
    public const string FileName = "course.yml";

    private static readonly string[] Fields = ["slug", "title", "audience", "summary", "prerequisites", "lessons", "assignments", "pass_mark", "licence", "estimated_minutes"];
    private static readonly string[] ItemFields = ["title", "notebook", "minutes", .. LatePolicyReader.Fields];

    public static async Task<CourseDocument?> ReadAsync(string file, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var yaml = new YamlFields(file, problems);
        var root = yaml.Load(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        if (root is null)
        {
            return null;
        }

        if (root is not YamlMappingNode mapping)
        {
            yaml.Error(root.Start, "A course.yml is a mapping of fields: slug, title, audience, summary, lessons, pass_mark, licence, ….");
            return null;
        }

        yaml.CheckKeys(mapping, Fields);
        var slug = yaml.String(mapping, "slug") ?? "";
        var slugMark = yaml.Get(mapping, "slug", required: false)?.Start ?? mapping.Start;
        if (slug.Length > 0 && !SlugPattern().IsMatch(slug))
        {
            yaml.Error(slugMark, $"Slug '{slug}' must be lower-case letters, digits and hyphens (it names the folder and appears in URLs).");
        }

        var audience = AudienceLevel.Students;
        if (yaml.String(mapping, "audience") is { } audienceText && !Enum.TryParse(audienceText, ignoreCase: true, out audience))
        {
            yaml.Error(yaml.Get(mapping, "audience", required: false)!.Start, $"Audience '{audienceText}' is not one of children, students, professionals, experts.");
        }

        var passMark = yaml.Number(mapping, "pass_mark");
        if (passMark is < 0 or > 100)
        {
            yaml.Error(yaml.Get(mapping, "pass_mark", required: false)!.Start, $"pass_mark {passMark} is out of range: use a percentage from 0 to 100.");
        }

        var licence = yaml.String(mapping, "licence") ?? "";
        if (licence.Length > 0 && !SpdxPattern().IsMatch(licence))
        {
            yaml.Error(yaml.Get(mapping, "licence", required: false)!.Start, $"Licence '{licence}' is not an SPDX id or expression (e.g. CC-BY-4.0, MIT, CC-BY-SA-4.0).");
        }

        var estimated = WholeMinutes(yaml, mapping, "estimated_minutes", required: false);

        var items = new List<(CourseItem, Mark, bool)>();
        items.AddRange(Items(yaml, mapping, "lessons", required: true).Select(i => (i.Item, i.Mark, false)));
        items.AddRange(Items(yaml, mapping, "assignments", required: false).Select(i => (i.Item, i.Mark, true)));
        var prerequisites = yaml.Strings(mapping, "prerequisites");
        var course = new Course
        {
            Slug = slug,
            Title = yaml.String(mapping, "title") ?? "",
            Audience = audience,
            Summary = yaml.String(mapping, "summary") ?? "",
            Prerequisites = [.. prerequisites.Select(p => p.Value)],
            Lessons = [.. items.Where(i => !i.Item3).Select(i => i.Item1)],
            Assignments = [.. items.Where(i => i.Item3).Select(i => i.Item1)],
            PassMark = passMark ?? 0,
            Licence = licence,
            DeclaredMinutes = estimated,
            Directory = Path.GetDirectoryName(Path.GetFullPath(file))!,
        };
        return new CourseDocument(course, file, slugMark, prerequisites, items);
    }

    private static List<(CourseItem Item, Mark Mark)> Items(YamlFields yaml, YamlMappingNode mapping, string name, bool required)
    {
        var items = new List<(CourseItem, Mark)>();
        var node = yaml.Get(mapping, name, required);
        if (node is null)
        {
            return items;
        }

        if (node is not YamlSequenceNode sequence)
        {
            yaml.Error(node.Start, $"'{name}' must be a list of entries with title, notebook and minutes.");
            return items;
        }

        foreach (var entry in sequence)
        {
            if (entry is not YamlMappingNode fields)
            {
                yaml.Error(entry.Start, $"Each entry of '{name}' needs title, notebook and minutes.");
                continue;
            }

            yaml.CheckKeys(fields, ItemFields);
            var title = yaml.String(fields, "title") ?? "";
            var notebook = yaml.String(fields, "notebook");
            var minutes = WholeMinutes(yaml, fields, "minutes", required: true);
            var late = LatePolicyReader.Read(yaml, fields, isAssignment: name == "assignments");

            if (notebook is not null)
            {
                var notebookMark = yaml.Get(fields, "notebook", required: false)!.Start;
                if (!notebook.EndsWith(".ipynb", StringComparison.Ordinal))
                {
                    yaml.Error(notebookMark, $"Notebook '{notebook}' must be an .ipynb file.");
                }
                else if (Path.IsPathRooted(notebook) || notebook.Split('/', '\\').Contains(".."))
                {
                    yaml.Error(notebookMark, $"Notebook '{notebook}' must be a path inside the course folder (no leading '/', no '..').");
                }
                else
                {
                    items.Add((new CourseItem(title, notebook, minutes ?? 0) { Late = late }, notebookMark));
                }
            }
        }

        return items;
    }

    /// <summary>A whole number of minutes above 0 (null when missing or wrong, with the problem recorded).</summary>
    private static int? WholeMinutes(YamlFields yaml, YamlMappingNode mapping, string name, bool required)
    {
        var minutes = yaml.Number(mapping, name, required);
        if (minutes is not { } m)
        {
            return null;
        }

        if (m <= 0 || m != Math.Floor(m) || m > int.MaxValue)
        {
            yaml.Error(yaml.Get(mapping, name, required: false)!.Start, FormattableString.Invariant($"{name} must be a whole number above 0, not {m}."));
            return null;
        }

        return (int)m;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$")]
    private static partial Regex SpdxPattern();
}
