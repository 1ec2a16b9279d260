using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>The language_info of kernel_info_reply.</summary>
public sealed record LanguageInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("mimetype")]
    public required string MimeType { get; init; }

    [JsonPropertyName("file_extension")]
    public required string FileExtension { get; init; }

    [JsonPropertyName("pygments_lexer")]
    public string? PygmentsLexer { get; init; }

    [JsonPropertyName("codemirror_mode")]
    /// <summary>A mode name ("text/x-csharp") or an object such as IPython's {"name": "ipython", "version": 3}.</summary>
    public JsonElement? CodeMirrorMode { get; init; }

    [JsonPropertyName("nbconvert_exporter")]
    public string? NbconvertExporter { get; init; }
}
