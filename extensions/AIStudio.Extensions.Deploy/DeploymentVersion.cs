namespace AIStudio.Extensions.Deploy;

/// <summary>One version of a deployment: its number, its share of the traffic (percent), its note and its own URL.</summary>
public sealed record DeploymentVersion(int Version, int Traffic, string Note, string Url);
