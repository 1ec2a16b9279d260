using AIStudio.Serving;
namespace AIStudio.Hub.Deployments;

/// <summary>
/// One version of a deployment: an ONNX model file or a C# function's source under the data directory, its schema and its
/// share of the traffic.
/// </summary>
public sealed class DeploymentVersion
{
    public required string DeploymentId { get; set; }

    /// <summary>1, 2, … in the order they were uploaded.</summary>
    public int Number { get; set; }

    public string Note { get; set; } = "";

    /// <summary><see cref="DeploymentKinds.Onnx"/> (served by ONNX Runtime in the hub) or <see cref="DeploymentKinds.Function"/> (a C# function in its own sandboxed process).</summary>
    public string Kind { get; set; } = DeploymentKinds.Onnx;

    /// <summary>Lower-case hex SHA-256 of the model file (or the function's source, UTF-8).</summary>
    public required string Sha256 { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>The inputs and outputs (<see cref="DeploymentSchema"/> as JSON), read from the model, or the function's compiled types, when it was uploaded.</summary>
    public required string Schema { get; set; }

    /// <summary>Percent of the deployment's traffic routed to this version (the versions' shares sum to 100).</summary>
    public int TrafficPercent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
