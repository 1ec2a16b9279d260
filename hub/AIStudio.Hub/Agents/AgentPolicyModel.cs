using System.Text.Json.Serialization;

namespace AIStudio.Hub.Agents;

/// <summary>What the caller's plan lets agents do: <c>GET /hub/api/agents/policy</c>.</summary>
public sealed record AgentPolicyModel(
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("agent_orchestration")] bool AgentOrchestration);
