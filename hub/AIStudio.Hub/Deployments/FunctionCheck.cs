using System.Text.Json;
using System.Text.Json.Serialization;
using AIStudio.Serving;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// What the function host's <c>check</c> found (its <c>check.json</c>): the function's signature and its inputs' and
/// outputs' schema when the source compiles, else the compiler's errors.
/// </summary>
public sealed record FunctionCheck(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("signature")] string? Signature,
    [property: JsonPropertyName("schema")] JsonElement? Schema,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<FunctionCompileError> Diagnostics)
{
    /// <summary>The schema as a deployment version stores it.</summary>
    public DeploymentSchema DeploymentSchema() =>
        Schema is { } schema ? AIStudio.Serving.DeploymentSchema.Parse(schema.GetRawText()) : throw new InvalidOperationException("A function that did not compile has no schema.");

    public static FunctionCheck Parse(string json) =>
        JsonSerializer.Deserialize<FunctionCheck>(json) ?? throw new InvalidDataException("The function host's check.json is empty.");
}
