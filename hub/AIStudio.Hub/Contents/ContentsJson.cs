using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Hub.Contents;

/// <summary>
/// The contents models' JSON: the web defaults every other answer of the hub is written with, a model written by
/// <see cref="ContentsModelJsonConverter"/>, and the rest (a notebook, a file's text) generated at build time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(ContentsModelJsonConverter)])]
[JsonSerializable(typeof(ContentsModel))]
[JsonSerializable(typeof(List<ContentsModel>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class ContentsJson : JsonSerializerContext;
