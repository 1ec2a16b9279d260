using System.Text.Json.Serialization;

namespace AIStudio.Hub.KernelSpecs;

/// <summary>One kernelspec with its resources, as jupyter_server lists it.</summary>
public sealed record KernelSpecModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("spec")] SpecModel Spec,
    [property: JsonPropertyName("resources")] IReadOnlyDictionary<string, string> Resources);
