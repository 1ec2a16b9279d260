namespace AIStudio.Hub.Kernels;

/// <summary>
/// The user a kernel belongs to, the organization its use counts against, whether it holds a GPU, and whether the
/// organization's plan is commercial (the Datasets extension then refuses non-commercial licences), and what each of
/// the user's kernels may use (the plan's CPU, memory and process limits).
/// </summary>
public sealed record KernelOwner(string UserId, string UserName, string OrganizationId, bool Gpu, bool Commercial = false)
{
    /// <summary>The plan's limits for each kernel; null: none.</summary>
    public AIStudio.Kernel.Client.Launching.KernelResourceLimits? Limits { get; init; }

    /// <summary>No one (a kernel started outside any request; never matches a user).</summary>
    public static KernelOwner Nobody { get; } = new("", "", "", Gpu: false);
}
