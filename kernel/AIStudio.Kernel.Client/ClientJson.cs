using System.Text.Json;
using System.Text.Json.Serialization;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Kernel.Client;

/// <summary>Source-generated JSON metadata for the client's own files (kernel.json).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(KernelSpec))]
internal sealed partial class ClientJson : JsonSerializerContext;
