using System.Collections.Frozen;

namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// The licences we recognise, with their terms. Their texts are embedded resources taken from the SPDX License List 3.28.0
/// (npm package <c>spdx-license-list</c> 6.12.0, <c>spdx-full.json</c>); <c>tools/make_datasets.py</c> writes them.
/// </summary>
public static class SpdxLicenses
{
    private const LicenseTerms By = LicenseTerms.Attribution;

    public static IReadOnlyList<SpdxLicense> All { get; } =
    [
        new("MIT", "MIT License", By),
        new("Apache-2.0", "Apache License 2.0", By),
        new("BSD-2-Clause", "BSD 2-Clause \"Simplified\" License", By),
        new("BSD-3-Clause", "BSD 3-Clause \"New\" or \"Revised\" License", By),
        new("ISC", "ISC License", By),
        new("CC0-1.0", "Creative Commons Zero v1.0 Universal", LicenseTerms.None),
        new("PDDL-1.0", "Open Data Commons Public Domain Dedication & License 1.0", LicenseTerms.None),
        new("Unlicense", "The Unlicense", LicenseTerms.None),
        new("CC-BY-4.0", "Creative Commons Attribution 4.0 International", By),
        new("ODC-By-1.0", "Open Data Commons Attribution License v1.0", By),
        new("CDLA-Permissive-2.0", "Community Data License Agreement Permissive 2.0", By),
        new("CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0 International", By | LicenseTerms.ShareAlike),
        new("ODbL-1.0", "Open Data Commons Open Database License v1.0", By | LicenseTerms.ShareAlike),
        new("GPL-3.0-only", "GNU General Public License v3.0 only", By | LicenseTerms.ShareAlike),
        new("CC-BY-NC-4.0", "Creative Commons Attribution Non Commercial 4.0 International", By | LicenseTerms.NonCommercial),
        new("CC-BY-ND-4.0", "Creative Commons Attribution No Derivatives 4.0 International", By | LicenseTerms.NoDerivatives),
        new("CC-BY-NC-SA-4.0", "Creative Commons Attribution Non Commercial Share Alike 4.0 International", By | LicenseTerms.NonCommercial | LicenseTerms.ShareAlike),
        new("CC-BY-NC-ND-4.0", "Creative Commons Attribution Non Commercial No Derivatives 4.0 International", By | LicenseTerms.NonCommercial | LicenseTerms.NoDerivatives),
    ];

    private static readonly FrozenDictionary<string, SpdxLicense> ById = All.ToFrozenDictionary(l => l.Id, StringComparer.OrdinalIgnoreCase);

    // Identifiers the SPDX list has deprecated, mapped to the current ones, since people still write them.
    private static readonly FrozenDictionary<string, string> Deprecated = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["GPL-3.0"] = "GPL-3.0-only",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a licence by SPDX id, case-insensitively (as SPDX matching is).</summary>
    public static SpdxLicense? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        id = id.Trim();
        return ById.GetValueOrDefault(Deprecated.GetValueOrDefault(id, id));
    }

    /// <summary>The full SPDX text of a licence we ship.</summary>
    public static string Text(string id)
    {
        var license = Find(id) ?? throw new ArgumentException($"No shipped text for licence '{id}'.", nameof(id));
        var resource = $"AIStudio.Extensions.Datasets.licenses.{license.Id}.txt";
        using var stream = typeof(SpdxLicenses).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The licence text resource {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
