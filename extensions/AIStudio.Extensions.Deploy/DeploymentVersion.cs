namespace AIStudio.Extensions.Deploy;

/// <summary>
/// One version of a deployment: its number, its share of the traffic (percent), its note and its own URL; its kind
/// (<c>onnx</c> or <c>function</c>) and its inputs and outputs as <c>name: type</c>.
/// </summary>
public sealed record DeploymentVersion(int Version, int Traffic, string Note, string Url, string Kind = "onnx", IReadOnlyList<string>? Inputs = null, IReadOnlyList<string>? Outputs = null)
{
    /// <summary>The kind as a reader says it.</summary>
    public string KindText => Kind == "function" ? "C# function" : "ONNX";
}
