using System.Text.Json.Serialization;
using AIStudio.Kernel.Protocol.Messages;

namespace AIStudio.Hub.Datasets;

/// <summary>An uploaded dataset as <c>/hub/api/datasets</c> shows it (from its <c>dataset.json</c> and the size of its CSV file).</summary>
public sealed record DatasetModel
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The dataset's folder in the user's files (<c>datasets/{name}</c>).</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The SPDX identifier of its licence.</summary>
    [JsonPropertyName("license")]
    public required string License { get; init; }

    [JsonPropertyName("license_name")]
    public required string LicenseName { get; init; }

    /// <summary>"spdx-id" (named by the uploader) or "text-match" (identified from the licence text).</summary>
    [JsonPropertyName("detection_method")]
    public required string DetectionMethod { get; init; }

    [JsonPropertyName("detection_score")]
    public double DetectionScore { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("citation")]
    public string? Citation { get; init; }

    /// <summary>Bytes of the CSV file.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>SHA-256 of the CSV file, lower-case hex.</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    [JsonPropertyName("uploaded_by")]
    public required string UploadedBy { get; init; }

    /// <summary>ISO 8601, UTC.</summary>
    [JsonPropertyName("uploaded_at")]
    public required string UploadedAt { get; init; }

    /// <summary>Conditions of the licence the user must keep to (share-alike, non-commercial…), as the licence check gave them.</summary>
    [JsonPropertyName("warnings")]
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The licence check's verdict, on the answer to an upload only.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    public static DatasetModel From(string name, DatasetManifest manifest, long size)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var provenance = manifest.Provenance;
        return new DatasetModel
        {
            Name = name,
            Path = $"{DatasetStore.Folder}/{name}",
            License = provenance.License,
            LicenseName = provenance.LicenseName,
            DetectionMethod = provenance.DetectionMethod,
            DetectionScore = provenance.DetectionScore,
            Source = manifest.Source,
            Citation = manifest.Citation,
            Size = size,
            Sha256 = provenance.Sha256,
            UploadedBy = provenance.RegisteredBy,
            UploadedAt = MessageHeader.FormatDate(provenance.RegisteredAt),
            Warnings = provenance.Warnings,
        };
    }
}
