using AIStudio.Hub.Audit;
using AIStudio.Hub.Contents;

namespace AIStudio.Hub.Plans;

/// <summary>The plan's storage and project limits, as one user's contents store checks them before writing.</summary>
public sealed class PlanContentsQuota(Plan plan, string organizationSlug, string userId, string userName, IReadOnlyList<string> organizationUserIds,
    StorageMeter storage, AuditLog audit) : IContentsQuota
{
    public void EnsureRoom(long additionalBytes)
    {
        if (plan.StorageBytes is not { } limit || additionalBytes <= 0)
        {
            return;
        }

        var used = organizationUserIds.Sum(storage.BytesOf);
        if (used + additionalBytes > limit)
        {
            throw QuotaRefusal.Refuse(audit, userName, organizationSlug,
                $"Storage limit of the {plan.DisplayName} plan reached: {Size(limit)} allowed, {Size(used)} in use, this write needs {Size(additionalBytes)} more. Delete files or upgrade the plan.");
        }
    }

    public void EnsureNewProject(int existingProjects)
    {
        if (plan.Projects is { } limit && existingProjects >= limit)
        {
            throw QuotaRefusal.Refuse(audit, userName, organizationSlug,
                $"Project limit of the {plan.DisplayName} plan reached: {limit} projects (top-level folders) allowed. Delete a project or upgrade the plan.");
        }
    }

    public void Written() => storage.Invalidate(userId);

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
