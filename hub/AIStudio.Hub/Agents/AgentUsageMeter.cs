using AIStudio.Hub.Data;
using AIStudio.Hub.Plans;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Agents;

/// <summary>
/// Books agents' model use (<see cref="AgentUsageRecord"/>) per user and organization per month, and sums it for the
/// usage answers and the dashboard's meters. Records stay when a user is deleted, as kernel usage does: they are the
/// organization's bill, keyed by ids, with no personal data.
/// </summary>
public sealed class AgentUsageMeter(HubDbContext db, TimeProvider time)
{
    /// <summary>Books one report against the user and the organization whose plan they use.</summary>
    public async Task BookAsync(string userId, string organizationId, AgentUsageReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        db.AgentUsageRecords.Add(new AgentUsageRecord
        {
            UserId = userId,
            OrganizationId = organizationId,
            Month = UsageMeter.MonthOf(now),
            Endpoint = report.Endpoint,
            Model = report.Model,
            InputTokens = report.InputTokens,
            OutputTokens = report.OutputTokens,
            CostUsd = report.CostUsd,
            Agents = report.Agents,
            Orchestration = report.Orchestration,
            RecordedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This month's totals of a user (<paramref name="byOrganization"/> false) or an organization.</summary>
    public async Task<AgentUsageTotals> MonthTotalsAsync(bool byOrganization, string id, CancellationToken cancellationToken)
    {
        var month = UsageMeter.MonthOf(time.GetUtcNow());
        var records = db.AgentUsageRecords.AsNoTracking().Where(r => r.Month == month);
        records = byOrganization ? records.Where(r => r.OrganizationId == id) : records.Where(r => r.UserId == id);
        var sums = await records.GroupBy(_ => 1)
            .Select(g => new { Input = g.Sum(r => r.InputTokens), Output = g.Sum(r => r.OutputTokens), Cost = g.Sum(r => r.CostUsd) })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return sums is null ? default : new AgentUsageTotals(sums.Input, sums.Output, sums.Cost);
    }
}
