namespace AIStudio.Extensions.Datasets.Registration;

/// <summary>
/// Who registered which file when, under which licence and how sure we were of it — written as
/// <c>&lt;file&gt;.provenance.json</c> beside the data.
/// </summary>
public sealed record ProvenanceRecord
{
    public required string Name { get; init; }
    /// <summary>The data file's name (the record sits beside it).</summary>
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required string License { get; init; }
    public string LicenseName { get; init; } = "";
    /// <summary>"spdx-id" or "text-match".</summary>
    public required string DetectionMethod { get; init; }
    public double DetectionScore { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Whom to credit, as the user gave it (kept for attribution licences).</summary>
    public string? Attribution { get; init; }
    /// <summary>The licence text as given, when the licence was identified from it.</summary>
    public string? LicenseText { get; init; }
    public bool CommercialPlan { get; init; }
    public required string RegisteredBy { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
}
