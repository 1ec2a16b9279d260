using AIStudio.Extensions.Datasets.Catalog;
using AIStudio.Extensions.Datasets.Licensing;

namespace AIStudio.Extensions.Datasets.Registration;

/// <summary>A registered dataset: its entry (load it by <see cref="DatasetInfo.Name"/>), the licence decision and the provenance written.</summary>
public sealed record RegistrationResult(DatasetInfo Dataset, LicenseDecision Decision, ProvenanceRecord Provenance, string ProvenancePath)
{
    public IReadOnlyList<string> Warnings => Decision.Warnings;
}
