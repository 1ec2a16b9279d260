using AIStudio.Serving;
namespace AIStudio.Hub.Deployments;

/// <summary>
/// One version as the predict endpoints serve it: its <see cref="DeploymentKinds">kind</see>, share of the traffic, schema,
/// and file (the ONNX model, or the C# function's source).
/// </summary>
public sealed record ServedVersion(int Number, int TrafficPercent, DeploymentSchema Schema, string ModelPath, string Kind = DeploymentKinds.Onnx);
