using System.Text.Json.Serialization;

namespace AIStudio.Hub.Certificates;

/// <summary>A certificate in the API: its id, course, learner, score, the VC-JWT and the enveloped JSON form.</summary>
public sealed record CertificateModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("course")] string Course,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("issued_at")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt,
    [property: JsonPropertyName("jwt")] string Jwt,
    [property: JsonPropertyName("credential")] System.Text.Json.Nodes.JsonObject Credential,
    [property: JsonPropertyName("download_url")] string DownloadUrl);
