namespace AIStudio.Hub.Organizations;

/// <summary>A tenant: a school, a company, or one person's own space; it holds members, groups and a plan.</summary>
public sealed class Organization
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The name used in URLs and scope filters (<c>!org=slug</c>); unique.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>True for the organization made with an account for that person alone.</summary>
    public bool IsPersonal { get; set; }

    /// <summary>The plan's name (<see cref="Plans.PlanCatalog"/>).</summary>
    public string Plan { get; set; } = Plans.PlanCatalog.Free;

    /// <summary>Enterprise limits set per organization; null keeps the plan's own.</summary>
    public long? StorageBytesLimit { get; set; }

    public double? GpuSecondsPerMonthLimit { get; set; }

    public int? ConcurrentKernelsLimit { get; set; }

    public int? ProjectsLimit { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
