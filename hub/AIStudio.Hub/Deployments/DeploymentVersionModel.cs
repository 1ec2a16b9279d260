using System.Text.Json.Serialization;
using AIStudio.Serving;

namespace AIStudio.Hub.Deployments;

/// <summary>One version in the management API's answers.</summary>
public sealed record DeploymentVersionModel(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("traffic")] int Traffic,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("schema")] DeploymentSchema Schema,
    [property: JsonPropertyName("url")] string Url);
