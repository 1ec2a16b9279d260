using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Client.Specs;

/// <summary>A Jupyter kernelspec: the kernel.json that says how to start a kernel.</summary>
public sealed record KernelSpec
{
    /// <summary>The file name of a kernelspec inside its resource directory.</summary>
    public const string FileName = "kernel.json";

    /// <summary>Interrupts are sent as SIGINT.</summary>
    public const string InterruptModeSignal = "signal";

    /// <summary>Interrupts are sent as interrupt_request on control.</summary>
    public const string InterruptModeMessage = "message";

    /// <summary>The command line; "{connection_file}" and "{resource_dir}" are substituted at launch.</summary>
    [JsonPropertyName("argv")]
    public required IReadOnlyList<string> Argv { get; init; }

    [JsonPropertyName("display_name")]
    public string DisplayName { get; init; } = "";

    [JsonPropertyName("language")]
    public string Language { get; init; } = "";

    [JsonPropertyName("interrupt_mode")]
    public string InterruptMode { get; init; } = InterruptModeSignal;

    /// <summary>Environment variables set for the kernel process.</summary>
    [JsonPropertyName("env")]
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    [JsonPropertyName("metadata")]
    public JsonElement? Metadata { get; init; }

    /// <summary>The kernelspec's name (its directory's name); not part of kernel.json.</summary>
    [JsonIgnore]
    public string? Name { get; init; }

    /// <summary>The directory holding kernel.json and its logos; not part of kernel.json.</summary>
    [JsonIgnore]
    public string? ResourceDirectory { get; init; }

    /// <summary>Parses kernel.json; throws <see cref="FormatException"/> saying why when it is not a kernelspec.</summary>
    public static KernelSpec Parse(string json, string? name = null, string? resourceDirectory = null)
    {
        KernelSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(json, ClientJson.Default.KernelSpec);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The kernelspec is not valid: {e.Message}", e);
        }

        if (spec?.Argv is not { Count: > 0 })
        {
            throw new FormatException("The kernelspec has no argv.");
        }

        // Members missing from the JSON come back null from the generated deserializer: give them their defaults.
        spec = spec with
        {
            DisplayName = spec.DisplayName ?? "",
            Language = spec.Language ?? "",
            InterruptMode = string.IsNullOrEmpty(spec.InterruptMode) ? InterruptModeSignal : spec.InterruptMode,
            Env = spec.Env ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };

        if (spec.InterruptMode is not (InterruptModeSignal or InterruptModeMessage))
        {
            throw new FormatException($"Unknown interrupt_mode '{spec.InterruptMode}': use signal or message.");
        }

        return spec with { Name = name, ResourceDirectory = resourceDirectory };
    }

    /// <summary>Reads a kernelspec directory (or its kernel.json); the directory's name becomes the spec's name.</summary>
    public static async Task<KernelSpec> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        return Parse(json, Path.GetFileName(directory), directory);
    }

    public string ToJson() => JsonSerializer.Serialize(this, ClientJson.Default.KernelSpec);

    /// <summary>The command line with "{connection_file}" and "{resource_dir}" filled in.</summary>
    public IReadOnlyList<string> FormatArgv(string connectionFile)
    {
        ArgumentNullException.ThrowIfNull(connectionFile);
        return [.. Argv.Select(a => a
            .Replace("{connection_file}", connectionFile, StringComparison.Ordinal)
            .Replace("{resource_dir}", ResourceDirectory ?? "", StringComparison.Ordinal))];
    }
}
