namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>A licence of the SPDX list that this extension knows the terms of (and ships the text of).</summary>
public sealed record SpdxLicense(string Id, string Name, LicenseTerms Terms)
{
    public bool IsShareAlike => Terms.HasFlag(LicenseTerms.ShareAlike);
    public bool IsRestricted => (Terms & (LicenseTerms.NonCommercial | LicenseTerms.NoDerivatives)) != 0;
}
