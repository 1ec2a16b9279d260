using System.Text.Json.Serialization;

namespace AIStudio.Extensions.Agents.Hub;

/// <summary><c>GET /hub/api/agents/policy</c>: the caller's plan and whether it includes multi-agent orchestration.</summary>
public sealed record AgentPolicy
{
    /// <summary>The policy when no hub runs this kernel: everything is allowed.</summary>
    public static AgentPolicy Unrestricted { get; } = new() { Plan = "none (no hub)", AgentOrchestration = true };

    [JsonPropertyName("plan")]
    public string Plan { get; init; } = "";

    [JsonPropertyName("agent_orchestration")]
    public bool AgentOrchestration { get; init; }
}
