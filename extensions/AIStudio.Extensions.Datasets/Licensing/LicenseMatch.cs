namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// The SPDX licence whose text is most like a given text, with the Sørensen–Dice coefficient of their word bigrams
/// (1 = the same words in the same order), and the runner-up.
/// </summary>
public sealed record LicenseMatch(SpdxLicense License, double Score, SpdxLicense? RunnerUp, double RunnerUpScore, double Threshold)
{
    /// <summary>True when the score reaches the threshold: the text is taken to be this licence.</summary>
    public bool IsMatch => Score >= Threshold;
}
