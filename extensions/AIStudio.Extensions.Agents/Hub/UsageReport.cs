using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary><c>POST /hub/api/usage/agents</c>: the tokens and estimated cost of one cell's agent calls on one endpoint and model.</summary>
public sealed record UsageReport
{
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; init; }

    [JsonPropertyName("cost_usd")]
    public decimal CostUsd { get; init; }

    /// <summary>How many agents took part.</summary>
    [JsonPropertyName("agents")]
    public int Agents { get; init; }

    /// <summary>Whether a multi-agent workflow ran (what plans without orchestration refuse).</summary>
    [JsonPropertyName("orchestration")]
    public bool Orchestration { get; init; }
}
