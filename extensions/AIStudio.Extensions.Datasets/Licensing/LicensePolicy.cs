using System.Globalization;

namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// The platform's rule for data licences: permissive → accepted; share-alike → accepted with a warning (attribution and
/// the licence travel with the data); non-commercial or no-derivatives → refused on a commercial plan, accepted with a
/// warning otherwise; unknown or missing → refused.
/// </summary>
public sealed class LicensePolicy(LicenseMatcher matcher)
{
    public LicensePolicy()
        : this(LicenseMatcher.Default)
    {
    }

    /// <summary>Decides on an SPDX id (<paramref name="spdxId"/>) or, when there is none, on a licence text.</summary>
    public LicenseDecision Evaluate(string? spdxId, string? licenseText, bool commercial)
    {
        if (!string.IsNullOrWhiteSpace(spdxId))
        {
            var license = SpdxLicenses.Find(spdxId);
            if (license is null)
            {
                return Refused(
                    $"'{spdxId.Trim()}' is not a licence this platform recognises, so the data is refused. Use an SPDX identifier " +
                    "such as CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODbL-1.0, MIT or Apache-2.0 " +
                    "(see https://spdx.org/licenses/), or pass the licence's full text as licenseText.", "spdx-id", 0);
            }

            return Decide(license, "spdx-id", 1.0, commercial);
        }

        if (!string.IsNullOrWhiteSpace(licenseText))
        {
            var match = matcher.Match(licenseText);
            if (!match.IsMatch)
            {
                return Refused(
                    string.Create(CultureInfo.InvariantCulture,
                        $"The licence text was not recognised (closest: {match.License.Id}, similarity {match.Score:0.00}; at least {match.Threshold:0.00} is needed), so the data is refused. ") +
                    "Check that it is the full, unmodified licence text, or give its SPDX identifier as license.", "text-match", match.Score);
            }

            return Decide(match.License, "text-match", match.Score, commercial);
        }

        return Refused(
            "No licence was given, so the data is refused: only data you own or data under a licence that permits it may be used. " +
            "Pass license: \"<SPDX id>\" (e.g. \"CC-BY-4.0\", or \"CC0-1.0\" for your own data you dedicate to the public domain) " +
            "or licenseText: the licence's full text.", "", 0);
    }

    private static LicenseDecision Decide(SpdxLicense license, string method, double score, bool commercial)
    {
        var warnings = new List<string>();
        if (license.IsRestricted)
        {
            var what = Restrictions(license);
            if (commercial)
            {
                return Refused(
                    $"{license.Id} ({license.Name}) forbids {what}, and this workspace is on a commercial plan, so the data is refused. " +
                    "Ask the data's owner for a licence that allows commercial use, or use the data in a non-commercial workspace.",
                    method, score, license);
            }

            warnings.Add($"{license.Id} forbids {what}: keep this data out of commercial work, and credit its authors.");
        }

        if (license.IsShareAlike)
        {
            warnings.Add(
                $"{license.Id} is a share-alike licence: anything you publish that adapts this data must carry the same licence, " +
                "with attribution to its authors (kept in the provenance record).");
        }

        var message = warnings.Count == 0
            ? $"Accepted: {license.Id} ({license.Name}) permits this use."
            : $"Accepted with conditions: {license.Id} ({license.Name}).";
        return new LicenseDecision { Accepted = true, License = license, Method = method, Score = score, Message = message, Warnings = warnings };
    }

    private static string Restrictions(SpdxLicense license) =>
        (license.Terms.HasFlag(LicenseTerms.NonCommercial), license.Terms.HasFlag(LicenseTerms.NoDerivatives)) switch
        {
            (true, true) => "commercial use and sharing adapted versions",
            (true, false) => "commercial use",
            _ => "sharing adapted versions (no derivatives)",
        };

    private static LicenseDecision Refused(string message, string method, double score, SpdxLicense? license = null) =>
        new() { Accepted = false, License = license, Method = method, Score = score, Message = message };
}
