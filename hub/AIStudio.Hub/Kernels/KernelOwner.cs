namespace AIStudio.Hub.Kernels;

/// <summary>
/// The user a kernel belongs to, the organization its use counts against, whether it holds a GPU, and whether the
/// organization's plan is commercial (the Datasets extension then refuses non-commercial licences), and what each of
/// the user's kernels may use (the plan's CPU, memory and process limits) and reach (the plan's network).
/// </summary>
public sealed record KernelOwner(string UserId, string UserName, string OrganizationId, bool Gpu, bool Commercial = false)
{
    /// <summary>The plan's limits for each kernel; null: none.</summary>
    public AIStudio.Kernel.Client.Launching.KernelResourceLimits? Limits { get; init; }

    /// <summary>What the plan lets each kernel reach; the hub's <c>Hub:KernelNetwork</c> may allow less.</summary>
    public Egress.KernelNetwork Network { get; init; } = Egress.KernelNetwork.Full;

    /// <summary>No one (a kernel started outside any request; never matches a user).</summary>
    public static KernelOwner Nobody { get; } = new("", "", "", Gpu: false);
}
