using System.Text.Json.Serialization;

namespace AIStudio.Kernel.Protocol.Messages;

/// <summary>The header of a Jupyter message (messaging spec, "General Message Format").</summary>
public sealed record MessageHeader
{
    /// <summary>The protocol version this implementation speaks.</summary>
    public const string ProtocolVersion = "5.4";

    [JsonPropertyName("msg_id")]
    public required string MessageId { get; init; }

    [JsonPropertyName("session")]
    public required string Session { get; init; }

    [JsonPropertyName("username")]
    public string Username { get; set; } = "kernel";

    /// <summary>ISO 8601 timestamp with time zone, as Jupyter writes it.</summary>
    [JsonPropertyName("date")]
    public string Date { get; set; } = "";

    [JsonPropertyName("msg_type")]
    public required string MessageType { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; set; } = ProtocolVersion;

    /// <summary>Makes a header for a new message.</summary>
    public static MessageHeader Create(string messageType, string session, string username, DateTimeOffset now) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Session = session,
        Username = username,
        Date = FormatDate(now),
        MessageType = messageType,
    };

    /// <summary>Formats a time as Jupyter does: ISO 8601, microseconds, UTC with "Z".</summary>
    public static string FormatDate(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
