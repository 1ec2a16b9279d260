using AIStudio.Extensions.Agents.Hub;

namespace AIStudio.Extensions.Agents.Metering;

/// <summary>
/// Where each call's usage goes: into the running cell's <see cref="CellUsage"/> (reported when the cell finishes), or,
/// when no cell is watched (the API used outside a notebook), straight to the hub. A report the hub refuses or cannot take
/// is a warning, never a failure of the call.
/// </summary>
internal static class UsageMeter
{
    /// <summary>Records a call's usage; returns a warning to show when it was reported at once and that failed.</summary>
    public static async Task<string?> RecordAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (CellUsage.Current is { } cell)
        {
            cell.Add(records);
            return null;
        }

        return await ReportAsync(records, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the reports to the hub, if one runs this kernel; a warning for each one that failed.</summary>
    public static async Task<string?> ReportAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0 || Agents.Hub is not { } hub)
        {
            return null;
        }

        var warnings = new List<string>();
        foreach (var report in CellUsage.Reports(records))
        {
            try
            {
                await hub.ReportUsageAsync(report, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentException e)
            {
                warnings.Add($"Warning: the agents' usage was not recorded by the hub. {e.Message}");
            }
        }

        return warnings.Count == 0 ? null : string.Join('\n', warnings);
    }
}
