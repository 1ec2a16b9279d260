namespace AIStudio.Hub.Agents;

/// <summary>
/// One report of an agent run's model use, from a kernel (or any client of the user): tokens in and out and the estimated
/// cost, booked against the user and their organization (the one whose plan applies) for the month it came in.
/// </summary>
public sealed class AgentUsageRecord
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string OrganizationId { get; set; }

    /// <summary>The month it counts against, <c>yyyy-MM</c> (UTC).</summary>
    public required string Month { get; set; }

    /// <summary>The hub model endpoint's name, when the agent used one.</summary>
    public string? Endpoint { get; set; }

    public required string Model { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>Estimated cost in US dollars, as the client worked it out from the endpoint's prices.</summary>
    public double CostUsd { get; set; }

    /// <summary>How many agents took part.</summary>
    public int Agents { get; set; }

    /// <summary>Whether it was a multi-agent workflow (orchestration, a plan feature).</summary>
    public bool Orchestration { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
