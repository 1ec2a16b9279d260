using System.Text.Json;
using AIStudio.Extensions.Datasets.Frames;
using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Catalog;

/// <summary>The curated datasets in a folder: one sub-folder per dataset with its CSV file, <c>dataset.json</c> and <c>LICENSE</c>.</summary>
public sealed class DatasetCatalog
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lazy<IReadOnlyList<DatasetInfo>> _datasets;

    public DatasetCatalog(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = directory;
        _datasets = new Lazy<IReadOnlyList<DatasetInfo>>(Scan);
    }

    public string Directory { get; }

    public IReadOnlyList<DatasetInfo> List() => _datasets.Value;

    public DatasetInfo? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _datasets.Value.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads a dataset's file once, checks it against the recorded SHA-256, and parses it.</summary>
    public static DataFrame Load(DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var bytes = File.ReadAllBytes(info.FilePath);
        return Parse(info, bytes);
    }

    /// <inheritdoc cref="Load(DatasetInfo)"/>
    public static async Task<DataFrame> LoadAsync(DatasetInfo info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        var bytes = await File.ReadAllBytesAsync(info.FilePath, cancellationToken).ConfigureAwait(false);
        return Parse(info, bytes);
    }

    private static DataFrame Parse(DatasetInfo info, byte[] bytes)
    {
        // The bytes that were hashed are the bytes that are parsed: no window for the file to change in between.
        FileHash.Verify(bytes, info.Sha256, info.Name, info.FilePath);
        return CsvFrameReader.Read(bytes, info.Columns.Count == 0 ? null : info.Columns, info.MissingValue, info.FilePath);
    }

    private List<DatasetInfo> Scan()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var found = new List<DatasetInfo>();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory).Order(StringComparer.Ordinal))
        {
            var manifest = Path.Combine(folder, "dataset.json");
            if (!File.Exists(manifest))
            {
                continue;
            }

            var info = JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(manifest), Json)
                ?? throw new InvalidDataException($"{manifest} is empty.");
            found.Add(info with { Directory = folder });
        }

        return found;
    }
}
