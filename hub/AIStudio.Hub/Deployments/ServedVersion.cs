using AIStudio.Serving;
namespace AIStudio.Hub.Deployments;

/// <summary>One version as the predict endpoints serve it.</summary>
public sealed record ServedVersion(int Number, int TrafficPercent, DeploymentSchema Schema, string ModelPath);
