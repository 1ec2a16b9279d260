using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Registration;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets;

/// <summary>
/// The notebook API: <c>Datasets.List()</c>, <c>Datasets.Info("penguins")</c>, <c>Datasets.Load("penguins")</c> and
/// <c>Datasets.Register("my.csv", license: "CC-BY-4.0")</c>. Curated datasets ship with the extension; registered ones
/// live for the session (their provenance stays beside the file).
/// </summary>
public static class Datasets
{
    private static readonly Lock Gate = new();
    private static DatasetsSettings _settings = new();
    private static DatasetCatalog? _catalog;
    private static DatasetRegistry? _registry;

    /// <summary>The plan, user and clock in force; assigning new settings starts a new catalog and registry.</summary>
    public static DatasetsSettings Settings
    {
        get
        {
            lock (Gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (Gate)
            {
                _settings = value;
                _catalog = null;
                _registry = null;
            }
        }
    }

    public static DatasetCatalog Catalog
    {
        get
        {
            lock (Gate)
            {
                return _catalog ??= new DatasetCatalog(_settings.CatalogDirectory);
            }
        }
    }

    public static DatasetRegistry Registry
    {
        get
        {
            lock (Gate)
            {
                return _registry ??= new DatasetRegistry(_settings);
            }
        }
    }

    /// <summary>The curated datasets, then the ones registered in this session.</summary>
    public static IReadOnlyList<DatasetInfo> List() => [.. Catalog.List(), .. Registry.List()];

    /// <summary>A dataset's description, licence, source, citation and columns.</summary>
    public static DatasetInfo Info(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Catalog.Find(name) ?? Registry.Find(name) ?? throw new ArgumentException(
            $"There is no dataset '{name}'. Available: {string.Join(", ", List().Select(d => d.Name))}. " +
            "Register your own with Datasets.Register(path, license: \"<SPDX id>\").", nameof(name));
    }

    /// <summary>Loads a dataset as a typed DataFrame (missing values are null), after checking the file's SHA-256.</summary>
    public static DataFrame Load(string name) => DatasetCatalog.Load(Info(name));

    /// <inheritdoc cref="Load"/>
    public static Task<DataFrame> LoadAsync(string name, CancellationToken cancellationToken = default) =>
        DatasetCatalog.LoadAsync(Info(name), cancellationToken);

    /// <summary>
    /// Registers your CSV file under a licence: an SPDX id (<paramref name="license"/>) or the licence's full text
    /// (<paramref name="licenseText"/>). Permissive licences are accepted; share-alike ones with a warning; non-commercial
    /// and no-derivatives ones are refused on a commercial plan; unknown or missing licences are refused
    /// (<see cref="DatasetLicenseException"/>, whose message says why and what to do).
    /// </summary>
    public static RegistrationResult Register(
        string path,
        string? license = null,
        string? licenseText = null,
        string? name = null,
        string? attribution = null,
        bool? commercial = null) =>
        // Notebook cells call this synchronously; the work is file I/O, with no synchronization context to deadlock on.
        Task.Run(() => RegisterAsync(path, license, licenseText, name, attribution, commercial)).GetAwaiter().GetResult();

    /// <inheritdoc cref="Register"/>
    public static Task<RegistrationResult> RegisterAsync(
        string path,
        string? license = null,
        string? licenseText = null,
        string? name = null,
        string? attribution = null,
        bool? commercial = null,
        CancellationToken cancellationToken = default) =>
        Registry.RegisterAsync(path, license, licenseText, name, attribution, commercial, Catalog.List().Select(d => d.Name), cancellationToken);
}
