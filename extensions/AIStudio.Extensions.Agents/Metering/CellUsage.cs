using System.Globalization;
using AIStudio.Extensions.Agents.Display;
using AIStudio.Extensions.Agents.Hub;

namespace AIStudio.Extensions.Agents.Metering;

/// <summary>
/// The agent usage of one running cell, gathered while it runs and reported to the hub once it finishes: one report per
/// endpoint and model, with the number of agents and whether a workflow ran.
/// </summary>
internal sealed class CellUsage
{
    private static readonly AsyncLocal<CellUsage?> Running = new();
    private readonly Lock _gate = new();
    private readonly List<UsageRecord> _records = [];

    /// <summary>The usage of the cell running in this flow, or null outside a cell the extension watches.</summary>
    public static CellUsage? Current => Running.Value;

    public int Calls { get; private set; }

    public static CellUsage Begin()
    {
        var usage = new CellUsage();
        Running.Value = usage;
        return usage;
    }

    public static void End() => Running.Value = null;

    public void Add(IEnumerable<UsageRecord> records)
    {
        lock (_gate)
        {
            _records.AddRange(records);
            Calls++;
        }
    }

    public IReadOnlyList<UsageRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public static IReadOnlyList<UsageReport> Reports(IReadOnlyList<UsageRecord> records) =>
        records
            .GroupBy(r => (r.Endpoint, r.Model))
            .Select(g => new UsageReport
            {
                Endpoint = g.Key.Endpoint,
                Model = g.Key.Model,
                InputTokens = g.Sum(r => r.Usage.InputTokens),
                OutputTokens = g.Sum(r => r.Usage.OutputTokens),
                CostUsd = Math.Round(g.Sum(r => r.Cost ?? 0m), 8),
                Agents = g.Select(r => r.Agent).Distinct(StringComparer.Ordinal).Count(),
                Orchestration = g.Any(r => r.Orchestration),
            })
            .ToList();

    /// <summary>"cell total: 3 agent calls · 300 input + 90 output tokens · est. $0.0012".</summary>
    public string Summary()
    {
        var records = Records;
        var usage = records.Aggregate(default(TokenUsage), (sum, r) => sum + r.Usage);
        var cost = records.All(r => r.Cost is not null) ? records.Sum(r => r.Cost!.Value) : (decimal?)null;
        return string.Create(CultureInfo.InvariantCulture, $"cell total: {Calls} agent call{(Calls == 1 ? "" : "s")} · {usage} · {AgentTranscript.FormatCost(cost)}");
    }
}
