using System.Text.Json.Serialization;

namespace AIStudio.Hub.Audit;

/// <summary>An audit entry in the API.</summary>
public sealed record AuditEntryModel(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("remote_address")] string? RemoteAddress);
