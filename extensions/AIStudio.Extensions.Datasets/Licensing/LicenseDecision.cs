namespace AIStudio.Extensions.Datasets.Licensing;

/// <summary>
/// Whether data under a licence may be used here, and why. <see cref="Message"/> says what was decided and what to do;
/// <see cref="Warnings"/> must be shown to the user even when the data is accepted.
/// </summary>
public sealed record LicenseDecision
{
    public required bool Accepted { get; init; }
    /// <summary>The licence found, or null when none was given or recognised.</summary>
    public SpdxLicense? License { get; init; }
    /// <summary>"spdx-id" when the user named the licence, "text-match" when its text was identified.</summary>
    public string Method { get; init; } = "";
    /// <summary>The detection score: 1 for an SPDX id, the Dice coefficient for a text.</summary>
    public double Score { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
