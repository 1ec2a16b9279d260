using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIStudio.Extensions.Datasets.Analysis;
using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Licensing;

namespace AIStudio.Extensions.Datasets.Registration;

/// <summary>
/// Registers a user's CSV file as a dataset: the licence is checked first (<see cref="LicensePolicy"/>), then the file is
/// hashed and its provenance written beside it; the dataset then loads by name, with its hash checked like a curated one.
/// </summary>
public sealed partial class DatasetRegistry(DatasetsSettings settings, LicensePolicy policy)
{
    private readonly ConcurrentDictionary<string, DatasetInfo> _registered = new(StringComparer.OrdinalIgnoreCase);

    public DatasetRegistry(DatasetsSettings settings)
        : this(settings, new LicensePolicy())
    {
    }

    public IReadOnlyList<DatasetInfo> List() => [.. _registered.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];

    public DatasetInfo? Find(string name) => _registered.GetValueOrDefault(name.Trim());

    /// <summary>Registers <paramref name="path"/>; throws <see cref="DatasetLicenseException"/> when the licence is refused.</summary>
    /// <param name="path">A CSV file with a header row.</param>
    /// <param name="license">The SPDX id of the data's licence.</param>
    /// <param name="licenseText">The licence's full text, when no SPDX id is given.</param>
    /// <param name="name">The dataset's name (default: the file name without extension).</param>
    /// <param name="attribution">Whom to credit, for attribution and share-alike licences.</param>
    /// <param name="commercial">Whether the work is commercial (default: <see cref="DatasetsSettings.Commercial"/>).</param>
    /// <param name="reservedNames">Names already taken (the curated catalog's).</param>
    /// <param name="cancellationToken">Cancels reading and writing.</param>
    public async Task<RegistrationResult> RegisterAsync(
        string path,
        string? license = null,
        string? licenseText = null,
        string? name = null,
        string? attribution = null,
        bool? commercial = null,
        IEnumerable<string>? reservedNames = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"There is no file {path} to register.", fullPath);
        }

        name = string.IsNullOrWhiteSpace(name) ? DefaultName(fullPath) : name.Trim();
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a usable dataset name: use letters, digits, '-' and '_' (up to 64).", nameof(name));
        }

        if (reservedNames?.Contains(name, StringComparer.OrdinalIgnoreCase) == true)
        {
            throw new ArgumentException($"'{name}' is the name of a curated dataset: register yours under another name (name: \"my-{name}\").", nameof(name));
        }

        var isCommercial = commercial ?? settings.Commercial;
        var decision = policy.Evaluate(license, licenseText, isCommercial);
        if (!decision.Accepted)
        {
            throw new DatasetLicenseException($"Dataset '{name}' was not registered. {decision.Message}");
        }

        var bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        var sha256 = FileHash.Sha256(bytes);
        var report = TypeInference.Report(bytes, "NA");
        var columns = report.Select(c => new DatasetColumn(c.Column, c.InferredType)).ToList();
        var accepted = decision.License!;
        var provenance = new ProvenanceRecord
        {
            Name = name,
            File = Path.GetFileName(fullPath),
            Sha256 = sha256,
            License = accepted.Id,
            LicenseName = accepted.Name,
            DetectionMethod = decision.Method,
            DetectionScore = Math.Round(decision.Score, 4),
            Warnings = decision.Warnings,
            Attribution = attribution,
            LicenseText = decision.Method == "text-match" ? licenseText : null,
            CommercialPlan = isCommercial,
            RegisteredBy = settings.User,
            RegisteredAt = settings.TimeProvider.GetUtcNow(),
        };
        var provenancePath = fullPath + ".provenance.json";
        await WriteAtomicallyAsync(provenancePath, JsonSerializer.Serialize(provenance, DatasetCatalog.Json), cancellationToken).ConfigureAwait(false);

        var info = new DatasetInfo
        {
            Name = name,
            Title = name,
            License = accepted.Id,
            Citation = attribution ?? "",
            Source = fullPath,
            File = Path.GetFileName(fullPath),
            Directory = Path.GetDirectoryName(fullPath)!,
            Rows = report.Count == 0 ? 0 : report[0].Missing + report[0].Present,
            MissingValue = "NA",
            Columns = columns,
            Sha256 = sha256,
            IsRegistered = true,
        };
        _registered[name] = info;
        return new RegistrationResult(info, decision, provenance, provenancePath);
    }

    /// <summary>Writes to a temporary file beside the target and renames it over the target, so readers never see half a record.</summary>
    internal static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string DefaultName(string path)
    {
        var stem = InvalidNameChars().Replace(Path.GetFileNameWithoutExtension(path).ToLowerInvariant(), "-").Trim('-');
        return stem.Length == 0 ? "data" : stem[..Math.Min(64, stem.Length)];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("[^a-z0-9_-]+")]
    private static partial Regex InvalidNameChars();
}
