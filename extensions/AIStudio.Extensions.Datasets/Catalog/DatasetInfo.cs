using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Datasets.Catalog;

/// <summary>What <c>dataset.json</c> says about a dataset: where it came from, its licence and the hash of its CSV file.</summary>
public sealed record DatasetInfo
{
    public required string Name { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>SPDX licence identifier.</summary>
    public required string License { get; init; }
    public string Source { get; init; } = "";
    public string ObtainedFrom { get; init; } = "";
    public string Citation { get; init; } = "";
    /// <summary>The CSV file, relative to the dataset's folder.</summary>
    public required string File { get; init; }
    public int Rows { get; init; }
    /// <summary>The text that marks a missing value in the file ("NA" for penguins); an empty field is always missing.</summary>
    public string MissingValue { get; init; } = "";
    public IReadOnlyList<DatasetColumn> Columns { get; init; } = [];
    /// <summary>SHA-256 of the CSV file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The folder the dataset lives in (not part of <c>dataset.json</c>).</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    /// <summary>True for data a user registered (<see cref="Datasets.Register"/>), false for the curated catalog.</summary>
    [JsonIgnore]
    public bool IsRegistered { get; init; }

    [JsonIgnore]
    public string FilePath => Path.Combine(Directory, File);
}
