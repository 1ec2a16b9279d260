using System.Text.Encodings.Web;
using System.Text.Json;

namespace AIStudio.Extensions.Agents;

/// <summary>JSON options for what the extension shows (tool arguments): indented, characters kept as written.</summary>
internal static class AgentJson
{
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
