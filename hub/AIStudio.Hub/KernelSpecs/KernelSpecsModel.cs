using System.Text.Json.Serialization;

namespace AIStudio.Hub.KernelSpecs;

/// <summary>The body of GET /api/kernelspecs.</summary>
public sealed record KernelSpecsModel(
    [property: JsonPropertyName("default")] string Default,
    [property: JsonPropertyName("kernelspecs")] IReadOnlyDictionary<string, KernelSpecModel> KernelSpecs);
