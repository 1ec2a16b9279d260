namespace AIStudio.Hub.Agents;

/// <summary>A month's agent use of a user or an organization: tokens in and out, estimated cost in US dollars.</summary>
public readonly record struct AgentUsageTotals(long InputTokens, long OutputTokens, double CostUsd);
