using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Install;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
internal sealed partial class KernelSpecJson : JsonSerializerContext;
