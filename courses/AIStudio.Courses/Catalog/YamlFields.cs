using System.Globalization;
using AIStudio.Courses.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AIStudio.Courses.Catalog;

/// <summary>Typed reads of a YAML mapping that record a problem, at the node's mark, for each missing, unknown or mistyped field.</summary>
internal sealed class YamlFields(string file, List<ValidationProblem> problems)
{
    public string File { get; } = file;

    public void Error(Mark mark, string message) => Add(mark, Severity.Error, message);

    public void Warning(Mark mark, string message) => Add(mark, Severity.Warning, message);

    /// <summary>Parses a YAML file; a syntax error becomes a problem at its mark and the result is null.</summary>
    public YamlNode? Load(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                problems.Add(new ValidationProblem(File, 1, 1, Severity.Error, "The file is empty."));
                return null;
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            Error(e.Start, "YAML syntax: " + e.Message);
            return null;
        }
    }

    /// <summary>Reports keys not in <paramref name="known"/>.</summary>
    public void CheckKeys(YamlMappingNode mapping, IReadOnlyCollection<string> known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name))
            {
                Error(key.Start, $"Unknown field '{(key as YamlScalarNode)?.Value}': the fields are {string.Join(", ", known)}.");
            }
        }
    }

    public YamlNode? Get(YamlMappingNode mapping, string name, bool required)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(name), out var node))
        {
            return node;
        }

        if (required)
        {
            Error(mapping.Start, $"Missing field '{name}'.");
        }

        return null;
    }

    public string? String(YamlMappingNode mapping, string name, bool required = true)
    {
        var node = Get(mapping, name, required);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            default:
                Error(node.Start, $"'{name}' must be a non-empty text.");
                return null;
        }
    }

    public double? Number(YamlMappingNode mapping, string name, bool required = true)
    {
        var node = Get(mapping, name, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(node.Start, $"'{name}' must be a number.");
        return null;
    }

    /// <summary>A sequence of non-empty scalars (a missing optional list is empty).</summary>
    public IReadOnlyList<(string Value, Mark Mark)> Strings(YamlMappingNode mapping, string name, bool required = false)
    {
        var node = Get(mapping, name, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node.Start, $"'{name}' must be a list.");
            return [];
        }

        var values = new List<(string, Mark)>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                values.Add((value, item.Start));
            }
            else
            {
                Error(item.Start, $"Each entry of '{name}' must be a non-empty text.");
            }
        }

        return values;
    }

    private void Add(Mark mark, Severity severity, string message) =>
        problems.Add(new ValidationProblem(File, (int)Math.Max(mark.Line, 1), (int)Math.Max(mark.Column, 1), severity, message));
}
