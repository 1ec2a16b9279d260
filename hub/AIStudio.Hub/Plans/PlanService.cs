using AIStudio.Hub.Accounts;
using AIStudio.Hub.Agents;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Contents;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Kernels;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Hub.Organizations;
using AIStudio.Kernel.Client.Specs;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Plans;

/// <summary>
/// Plans where they are used: the caller's contents store with the plan's storage and project limits, the checks before a
/// kernel starts (GPU allowed, GPU hours left, concurrent kernels), and usage against the limits.
/// </summary>
public sealed class PlanService(HubDbContext db, StorageMeter storage, UsageMeter usage, AgentUsageMeter agents, KernelRegistry kernels, AuditLog audit, Courses.SubmissionFiles submissions)
{
    public async Task<(Organization Organization, Plan Plan)> PlanOfAsync(string organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status500InternalServerError, $"The account's organization {organizationId} is missing.");
        return (organization, PlanCatalog.EffectivePlan(organization));
    }

    /// <summary>The caller's own files, checked against their organization's plan.</summary>
    public async Task<ContentsStore> ContentsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var quota = await QuotaAsync(caller, cancellationToken).ConfigureAwait(false);
        return new ContentsStore(storage.UserRoot(caller.UserId), quota);
    }

    /// <summary>
    /// Checks the caller's plan has room for <paramref name="additionalBytes"/> more stored outside their files (a
    /// deployment's model): the same limit, count and 403 naming the limit as a save or an upload.
    /// </summary>
    public async Task EnsureStorageRoomAsync(Caller caller, long additionalBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var quota = await QuotaAsync(caller, cancellationToken).ConfigureAwait(false);
        quota.EnsureRoom(additionalBytes);
    }

    /// <summary>The caller's organization's storage and project limits, counted over everyone whose storage it pays for.</summary>
    private async Task<PlanContentsQuota> QuotaAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (organization, plan) = await PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
        var sharing = organization.IsPersonal
            ? [caller.UserId]
            : await db.Users.AsNoTracking().Where(u => u.PrimaryOrganizationId == organization.Id).Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PlanContentsQuota(plan, organization.Slug, caller.UserId, caller.UserName, sharing, storage, audit);
    }

    /// <summary>The caller's own files for reading (and for finding a kernel's directory): no plan lookup, no quota.</summary>
    public ContentsStore ContentsForReading(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ContentsStore(storage.UserRoot(caller.UserId));
    }

    /// <summary>Checks the plan allows the caller one more kernel of this spec; the owner to start it for.</summary>
    public async Task<KernelOwner> AuthorizeKernelAsync(Caller caller, KernelSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(spec);
        var (organization, plan) = await PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
        var gpu = KernelSpecCatalog.IsGpu(spec);
        if (gpu && !plan.GpuKernels)
        {
            throw QuotaRefusal.Refuse(audit, caller.UserName, organization.Slug,
                $"GPU kernels are not part of the {plan.DisplayName} plan: start the CPU kernel ({KernelSpecCatalog.DefaultName}), or upgrade to Starter or above for GPU hours.");
        }

        var running = kernels.OwnedBy(caller.UserId);
        if (plan.ConcurrentKernels is { } most && running.Count >= most)
        {
            throw QuotaRefusal.Refuse(audit, caller.UserName, organization.Slug,
                $"Concurrent kernel limit of the {plan.DisplayName} plan reached: {most} kernels may run at once. Shut down a kernel first.");
        }

        if (gpu && plan.GpuSecondsPerMonth is { } allowance)
        {
            var orgKernels = kernels.All.Where(k => k.Owner.OrganizationId == organization.Id);
            var (_, gpuSeconds) = await usage.MonthTotalsAsync(db, byOrganization: true, organization.Id, orgKernels, cancellationToken).ConfigureAwait(false);
            if (gpuSeconds >= allowance)
            {
                throw QuotaRefusal.Refuse(audit, caller.UserName, organization.Slug,
                    $"GPU hours of the {plan.DisplayName} plan used up for this month: {allowance / 3600:0.##} GPU hours allowed, {gpuSeconds / 3600:0.##} used. Use the CPU kernel, or upgrade the plan.");
            }
        }

        return new KernelOwner(caller.UserId, caller.UserName, organization.Id, gpu, PlanCatalog.IsCommercial(plan)) { Limits = plan.KernelLimits, Network = plan.KernelNetwork };
    }

    public async Task<UsageModel> UserUsageAsync(HubUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (organization, plan) = await PlanOfAsync(user.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
        var running = kernels.OwnedBy(user.Id);
        var (kernelSeconds, gpuSeconds) = await usage.MonthTotalsAsync(db, byOrganization: false, user.Id, running, cancellationToken).ConfigureAwait(false);
        var agentUse = await agents.MonthTotalsAsync(byOrganization: false, user.Id, cancellationToken).ConfigureAwait(false);
        return new UsageModel(UsageMeter.MonthOf(DateTimeOffset.UtcNow), kernelSeconds, gpuSeconds, storage.BytesOf(user.Id), running.Count, organization.Slug, plan,
            agentUse.InputTokens, agentUse.OutputTokens, agentUse.CostUsd);
    }

    public async Task<UsageModel> OrganizationUsageAsync(Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var plan = PlanCatalog.EffectivePlan(organization);
        var running = kernels.All.Where(k => k.Owner.OrganizationId == organization.Id).ToArray();
        var (kernelSeconds, gpuSeconds) = await usage.MonthTotalsAsync(db, byOrganization: true, organization.Id, running, cancellationToken).ConfigureAwait(false);
        var users = await db.Users.AsNoTracking().Where(u => u.PrimaryOrganizationId == organization.Id).Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var agentUse = await agents.MonthTotalsAsync(byOrganization: true, organization.Id, cancellationToken).ConfigureAwait(false);
        return new UsageModel(UsageMeter.MonthOf(DateTimeOffset.UtcNow), kernelSeconds, gpuSeconds, users.Sum(storage.BytesOf), running.Length, organization.Slug, plan,
            agentUse.InputTokens, agentUse.OutputTokens, agentUse.CostUsd);
    }

    /// <summary>Plans and an organization's own limits are changed by hub administrators only.</summary>
    public static void EnsureMayChangePlans(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.CanEverywhere(Scopes.AdminOrgs))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, "Plans and limits are set by hub administrators.");
        }
    }

    /// <summary>Moves an organization to another plan (hub administrators only); the organization's own limits stay.</summary>
    public async Task ChangePlanAsync(Caller caller, Organization organization, string plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(organization);
        EnsureMayChangePlans(caller);
        organization.Plan = PlanCatalog.Require(plan).Name;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(caller.UserName, AuditActions.PlanChanged, organization.Slug, organization.Id, $"plan {organization.Plan}").ConfigureAwait(false);
    }

    /// <summary>Removes a deleted user's files and submitted notebooks.</summary>
    public void DeleteFilesOf(string userId)
    {
        submissions.DeleteAllOf(userId);
        var root = storage.UserRoot(userId);
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        storage.Invalidate(userId);
    }
}
