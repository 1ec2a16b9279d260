using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Hub.KernelSpecs;

/// <summary>The kernel.json part of a kernelspec model.</summary>
public sealed record SpecModel(
    [property: JsonPropertyName("argv")] IReadOnlyList<string> Argv,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("interrupt_mode")] string InterruptMode,
    [property: JsonPropertyName("env")] IReadOnlyDictionary<string, string> Env,
    [property: JsonPropertyName("metadata")] JsonElement Metadata);
