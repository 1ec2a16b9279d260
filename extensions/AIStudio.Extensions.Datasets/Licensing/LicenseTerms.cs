namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>The conditions of a licence that decide whether data under it may be used here.</summary>
[Flags]
public enum LicenseTerms
{
    /// <summary>No conditions that matter for data use (public domain dedications, permissive licences without attribution).</summary>
    None = 0,
    /// <summary>Credit the author (CC BY, MIT's and BSD's notices, ODC-By).</summary>
    Attribution = 1,
    /// <summary>Adapted works must carry the same licence (CC BY-SA, ODbL, GPL).</summary>
    ShareAlike = 2,
    /// <summary>No commercial use (CC BY-NC…).</summary>
    NonCommercial = 4,
    /// <summary>No adapted works may be shared (CC BY-ND…).</summary>
    NoDerivatives = 8,
}
