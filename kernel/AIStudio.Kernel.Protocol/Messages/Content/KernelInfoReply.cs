using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages.Content;

/// <summary>Content of kernel_info_reply.</summary>
public sealed record KernelInfoReply
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    [JsonPropertyName("protocol_version")]
    public string ProtocolVersion { get; set; } = MessageHeader.ProtocolVersion;

    [JsonPropertyName("implementation")]
    public required string Implementation { get; init; }

    [JsonPropertyName("implementation_version")]
    public required string ImplementationVersion { get; init; }

    [JsonPropertyName("language_info")]
    public required LanguageInfo LanguageInfo { get; init; }

    [JsonPropertyName("banner")]
    public required string Banner { get; init; }

    [JsonPropertyName("help_links")]
    public IReadOnlyList<HelpLink> HelpLinks { get; set; } = [];

    [JsonPropertyName("supported_features")]
    public IReadOnlyList<string> SupportedFeatures { get; set; } = [];

    [JsonPropertyName("debugger")]
    public bool Debugger { get; init; }
}
