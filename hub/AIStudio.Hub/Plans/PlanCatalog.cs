using AIStudio.Hub.Egress;
using AIStudio.Hub.Organizations;

namespace AIStudio.Hub.Plans;

/// <summary>
/// The plans of the product plan: Free (CPU kernels, 5 projects, 100 MB), Starter (+1 GPU hour a month, 10 GB),
/// Professional (10 GPU hours a month, agent orchestration), Enterprise (limits set per organization). Requests per minute
/// to each deployment: Free 60, Starter 600, Professional 6,000, Enterprise no limit. Each kernel (its process tree, in a
/// control group where the machine allows): Free 1 CPU, 4 GB, 512 processes and threads; Starter 2 CPUs, 8 GB, 1,024;
/// Professional 4 CPUs, 16 GB, 2,048; Enterprise no limit. Kernels' network: Free and Starter only the package feeds
/// (<c>#r "nuget:"</c> works, nothing else is reached), Professional and Enterprise the internet.
/// </summary>
public static class PlanCatalog
{
    public const string Free = "free";
    public const string Starter = "starter";
    public const string Professional = "professional";
    public const string Enterprise = "enterprise";

    private const long MB = 1024L * 1024;
    private const long GB = 1024 * MB;

    public static IReadOnlyList<Plan> All { get; } =
    [
        new(Free, "Free", GpuKernels: false, GpuSecondsPerMonth: 0, StorageBytes: 100 * MB, Projects: 5, ConcurrentKernels: 2, AgentOrchestration: false, DeploymentRequestsPerMinute: 60,
            KernelCpus: 1, KernelMemoryBytes: 4 * GB, KernelProcesses: 512, KernelNetwork: KernelNetwork.Packages),
        new(Starter, "Starter", GpuKernels: true, GpuSecondsPerMonth: 3600, StorageBytes: 10 * GB, Projects: 25, ConcurrentKernels: 4, AgentOrchestration: false, DeploymentRequestsPerMinute: 600,
            KernelCpus: 2, KernelMemoryBytes: 8 * GB, KernelProcesses: 1024, KernelNetwork: KernelNetwork.Packages),
        new(Professional, "Professional", GpuKernels: true, GpuSecondsPerMonth: 10 * 3600, StorageBytes: 100 * GB, Projects: null, ConcurrentKernels: 8, AgentOrchestration: true, DeploymentRequestsPerMinute: 6000,
            KernelCpus: 4, KernelMemoryBytes: 16 * GB, KernelProcesses: 2048, KernelNetwork: KernelNetwork.Full),
        new(Enterprise, "Enterprise", GpuKernels: true, GpuSecondsPerMonth: null, StorageBytes: null, Projects: null, ConcurrentKernels: null, AgentOrchestration: true, DeploymentRequestsPerMinute: null,
            KernelNetwork: KernelNetwork.Full),
    ];

    public static Plan? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The plan named, or a 400 that lists the plans there are.</summary>
    public static Plan Require(string name) => Find(name)
        ?? throw new Hosting.HubApiException(StatusCodes.Status400BadRequest, $"Unknown plan '{name}': use one of {string.Join(", ", All.Select(p => p.Name))}.");

    /// <summary>
    /// Whether work on this plan counts as commercial, which decides data under non-commercial and no-derivatives licences
    /// (refused on a commercial plan). Plans carry no such flag of their own: every paid plan (Starter, Professional,
    /// Enterprise) is taken as commercial, and only the Free plan as not.
    /// </summary>
    public static bool IsCommercial(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return !string.Equals(plan.Name, Free, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The organization's plan with its own limits applied (set for Enterprise organizations).</summary>
    public static Plan EffectivePlan(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var plan = Find(organization.Plan) ?? All[0];
        return plan with
        {
            GpuSecondsPerMonth = organization.GpuSecondsPerMonthLimit ?? plan.GpuSecondsPerMonth,
            StorageBytes = organization.StorageBytesLimit ?? plan.StorageBytes,
            Projects = organization.ProjectsLimit ?? plan.Projects,
            ConcurrentKernels = organization.ConcurrentKernelsLimit ?? plan.ConcurrentKernels,
        };
    }
}
