using System.Diagnostics;
using System.Globalization;
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
    /// <remarks>
    /// The round-trip ("O") form of a UTC time, 2025-01-02T03:04:05.1234567Z, with its seventh fractional digit left out:
    /// the same text as the custom pattern yyyy-MM-dd'T'HH:mm:ss.ffffff'Z' (which truncates too), made on .NET's fast path
    /// for "O" instead of its general pattern interpreter. It runs for every message header, and twice for every entry of
    /// a contents listing.
    /// </remarks>
    public static string FormatDate(DateTimeOffset now)
    {
        Span<char> roundTrip = stackalloc char[RoundTripLength];
        var written = now.UtcDateTime.TryFormat(roundTrip, out var length, "O", CultureInfo.InvariantCulture);
        Debug.Assert(written && length == RoundTripLength, "A UTC time's round-trip form has 28 characters.");
        return string.Concat(roundTrip[..(RoundTripLength - 2)], "Z");
    }

    /// <summary>The length of a UTC time's round-trip form: yyyy-MM-ddTHH:mm:ss.fffffffZ.</summary>
    private const int RoundTripLength = 28;
}
