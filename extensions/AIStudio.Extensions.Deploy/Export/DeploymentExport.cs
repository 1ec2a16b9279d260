using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIStudio.Extensions.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Extensions.Deploy.Export;

/// <summary>
/// Writes a self-contained server for a model, for self-hosting: an ASP.NET Core project that serves the ONNX file with
/// ONNX Runtime and answers as the hub does (the hub's own request and answer code, <c>AIStudio.Serving</c>, is copied
/// into <c>Serving/</c>), a Dockerfile, a Kubernetes manifest (Deployment + Service) and a README. The folder builds on
/// its own with <c>dotnet build</c>: no reference to AI Studio's packages or to a folder above it.
/// </summary>
public static partial class DeploymentExport
{
    private const string TemplatePrefix = "AIStudio.Deploy.Export.";
    private const string ServingPrefix = "AIStudio.Deploy.Serving.";

    /// <summary>Writes the server of an ONNX file as version <paramref name="version"/> of <paramref name="name"/> into <paramref name="directory"/> (created; must be empty if it exists).</summary>
    public static ExportedServer Write(string name, string onnxPath, string directory, int version = 1, string? owner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!NamePattern().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"'{name}' is not a deployment name: use 1 to 64 lower-case letters, digits and hyphens, starting with a letter or digit.");
        }

        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "The version must be 1 or more.");
        }

        if (!File.Exists(onnxPath))
        {
            throw new FileNotFoundException($"No ONNX file at {onnxPath}.", onnxPath);
        }

        var inputs = ReadInputs(onnxPath);
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target} is not empty: export into a new or empty folder, so that nothing there is overwritten.");
        }

        owner = string.IsNullOrWhiteSpace(owner) ? Environment.GetEnvironmentVariable("AISTUDIO_USER") ?? "local" : owner;
        var project = ProjectName(name!);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NAME"] = name!,
            ["OWNER"] = owner,
            ["VERSION"] = version.ToString(CultureInfo.InvariantCulture),
            ["PROJECT"] = project,
            ["ORT_VERSION"] = OnnxRuntimeVersion(),
            ["EXAMPLE"] = Example(inputs),
            ["INPUTS"] = string.Join("\n", inputs.Select(i => $"- `{i.Name}`: {i.Type}, shape [{string.Join(", ", i.Shape)}]")),
        };

        // Written into a sibling folder first and moved into place at the end: a failed export leaves nothing half written.
        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".export-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<string>();
            void Add(string relative, string text)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                files.Add(relative);
            }

            Add($"{project}.csproj", Fill("Server.csproj.template", values));
            Add("Program.cs", Fill("Program.cs.template", values));
            Add("Metrics.cs", Fill("Metrics.cs.template", values));
            Add("Directory.Build.props", Fill("Directory.Build.props.template", values));
            Add("Directory.Packages.props", Fill("Directory.Packages.props.template", values));
            Add("Dockerfile", Fill("Dockerfile.template", values));
            Add(".dockerignore", Fill("dockerignore.template", values));
            Add(Path.Combine("k8s", name + ".yaml"), Fill("k8s.yaml.template", values));
            Add("README.md", Fill("README.md.template", values));
            foreach (var (file, text) in ServingSources())
            {
                Add(Path.Combine("Serving", file), text);
            }

            File.Copy(onnxPath, Path.Combine(staging, "model.onnx"));
            files.Add("model.onnx");
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return new ExportedServer(name!, version, target, project, [.. files.Order(StringComparer.Ordinal)]);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Exports an ML.NET model (converted to ONNX, as <see cref="DeployClient.PublishAsync"/> publishes it) as a server.</summary>
    public static ExportedServer Write(string name, MLContext ml, ITransformer model, IDataView data, string directory, int version = 1, string? owner = null)
    {
        var temporary = Directory.CreateTempSubdirectory("aistudio-export-");
        try
        {
            var path = OnnxExport.Save(ml, model, data, Path.Combine(temporary.FullName, "model.onnx"));
            return Write(name, path, directory, version, owner);
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }

    private static List<(string Name, string Type, IReadOnlyList<int> Shape)> ReadInputs(string onnxPath)
    {
        try
        {
            using var session = new InferenceSession(onnxPath);
            return [.. session.InputMetadata.Select(i => (i.Key, i.Value.IsTensor ? ElementName(i.Value.ElementType) : i.Value.OnnxValueType.ToString(), (IReadOnlyList<int>)i.Value.Dimensions))];
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{onnxPath} is not a model ONNX Runtime can load: {e.Message}", e);
        }
    }

    private static string ElementName(Type type) =>
        type == typeof(float) ? "float32" : type == typeof(double) ? "float64" : type == typeof(long) ? "int64"
        : type == typeof(int) ? "int32" : type == typeof(bool) ? "bool" : type == typeof(string) ? "string" : type.Name;

    /// <summary>A request body with one row of placeholder values, for the README's curl line.</summary>
    private static string Example(List<(string Name, string Type, IReadOnlyList<int> Shape)> inputs)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, type, shape) in inputs)
        {
            object value = type switch { "string" => "text", "bool" => false, "int64" or "int32" => 0, _ => 0.0 };
            var perRow = shape.Skip(1).Where(d => d != 1).Select(d => d > 0 ? d : 1).ToArray();
            foreach (var dimension in perRow.Reverse())
            {
                value = Enumerable.Repeat(value, dimension).ToArray();
            }

            body[name] = new[] { value };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["inputs"] = body });
    }

    /// <summary>"house-prices" → "HousePricesServer" (a valid C# and file name).</summary>
    private static string ProjectName(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]))
            is var pascal && char.IsDigit(pascal[0]) ? "Model" + pascal + "Server" : pascal + "Server";

    private static string OnnxRuntimeVersion()
    {
        var informational = typeof(InferenceSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? typeof(InferenceSession).Assembly.GetName().Version!.ToString(3) : version;
    }

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var text = Resource(TemplatePrefix + template);
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Template {template} has an unknown placeholder {m.Value}."));
    }

    private static IEnumerable<(string File, string Text)> ServingSources() =>
        typeof(DeploymentExport).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ServingPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ServingPrefix.Length..], Resource(n)));

    private static string Resource(string name)
    {
        using var stream = typeof(DeploymentExport).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The extension lacks its resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
