namespace AIStudio.Hub.Certificates;

/// <summary>An Open Badges 3.0 certificate the hub issued to a learner for a course: the signed VC-JWT, kept as issued.</summary>
public sealed class CourseCertificate
{
    /// <summary>The credential's id (<c>urn:uuid:…</c>), also its id in the API.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required string CourseSlug { get; set; }

    /// <summary>The course score it certifies (percent of all assignment points, after late penalties).</summary>
    public double Score { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The compact JWS (VC-JWT): the certificate itself.</summary>
    public required string Jwt { get; set; }

    /// <summary>When an administrator revoked it, or null.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
