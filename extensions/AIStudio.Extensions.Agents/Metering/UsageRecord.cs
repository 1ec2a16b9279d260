namespace AIStudio.Extensions.Agents.Metering;

/// <summary>The usage of one agent call (or one agent's part of a workflow) on one endpoint.</summary>
internal sealed record UsageRecord(string? Endpoint, string Model, string Agent, TokenUsage Usage, decimal? Cost, bool Orchestration);
