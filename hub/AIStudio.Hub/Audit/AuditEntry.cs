namespace AIStudio.Hub.Audit;

/// <summary>One security-relevant event: who did what to what, when, from where.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The acting user's name, or "anonymous" / "system".</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, dotted (e.g. <c>auth.login</c>, <c>token.create</c>, <c>kernel.start</c>, <c>quota.refused</c>).</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to (a user name, kernel id, token id …).</summary>
    public string Target { get; set; } = "";

    /// <summary>The organization it concerns, for organization admins' view of the log.</summary>
    public string? OrganizationId { get; set; }

    public string Detail { get; set; } = "";

    public string? RemoteAddress { get; set; }
}
