namespace AIStudio.Hub.Plans;

/// <summary>Metered use of one kernel: its run time (and GPU time for GPU kernels), booked when it stops and every few minutes while it runs.</summary>
public sealed class UsageRecord
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string OrganizationId { get; set; }

    public required string KernelId { get; set; }

    /// <summary>The month the seconds count against, <c>yyyy-MM</c> (UTC).</summary>
    public required string Month { get; set; }

    public double KernelSeconds { get; set; }

    public double GpuSeconds { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
