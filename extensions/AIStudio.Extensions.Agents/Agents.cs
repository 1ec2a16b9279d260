using AIStudio.Extensions.Agents.Endpoints;
using AIStudio.Extensions.Agents.Hub;
using AIStudio.Extensions.Agents.Tools;
using AIStudio.Extensions.Agents.Workflows;

namespace AIStudio.Extensions.Agents;

/// <summary>
/// The notebook API. <c>var analyst = Agents.Create("analyst", instructions: "...", endpoint: ModelEndpoint.FromHub(),
/// tools: [AgentTool.CSharp, AgentTool.Datasets]);</c> then <c>await analyst.AskAsync("...")</c>. Workflows of several
/// agents: <see cref="Sequential"/>, <see cref="Concurrent"/>, <see cref="Handoff"/>, <see cref="GroupChat"/>. Agents are
/// kept by name for the session (<see cref="Get"/>, <see cref="List"/>, <c>#!agent NAME</c>).
/// </summary>
public static class Agents
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Agent> Defined = new(StringComparer.OrdinalIgnoreCase);
    private static AgentsHubClient? _hub;
    private static string? _hubFromEnvironment;

    /// <summary>
    /// The hub that runs this kernel (<c>AISTUDIO_HUB_URL</c> and <c>AISTUDIO_HUB_TOKEN</c>), or the one given to
    /// <see cref="ConnectHub"/>; null outside a hub (then nothing is metered and orchestration is allowed).
    /// </summary>
    public static AgentsHubClient? Hub
    {
        get
        {
            lock (Gate)
            {
                var environment = Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL") + "|" + Environment.GetEnvironmentVariable("AISTUDIO_HUB_TOKEN");
                if (_hub is not null && (_hubFromEnvironment is null || _hubFromEnvironment == environment))
                {
                    return _hub;
                }

                _hub?.Dispose();
                _hub = AgentsHubClient.FromEnvironment();
                _hubFromEnvironment = _hub is null ? null : environment;
                return _hub;
            }
        }
    }

    /// <summary>Uses the hub at <paramref name="hub"/> with an API token from its Tokens page (for a kernel the hub did not start).</summary>
    public static AgentsHubClient ConnectHub(Uri hub, string token)
    {
        var client = new AgentsHubClient(hub, token);
        lock (Gate)
        {
            _hub?.Dispose();
            _hub = client;
            _hubFromEnvironment = null;
        }

        return client;
    }

    /// <summary>Forgets a hub given to <see cref="ConnectHub"/> (the environment's, if any, applies again).</summary>
    public static void DisconnectHub()
    {
        lock (Gate)
        {
            _hub?.Dispose();
            _hub = null;
            _hubFromEnvironment = null;
        }
    }

    /// <summary>
    /// Defines (or redefines) the agent <paramref name="name"/>. Without an <paramref name="endpoint"/> it uses the hub's
    /// default endpoint. <paramref name="tools"/>: <see cref="AgentTool.CSharp"/>, <see cref="AgentTool.Datasets"/>,
    /// <see cref="AgentTool.HttpFetch"/>, <see cref="AgentTool.Plugin"/>(object with <c>[KernelFunction]</c> methods).
    /// </summary>
    public static Agent Create(
        string name,
        string instructions = "You are a helpful assistant in a C# notebook. Answer concisely, in markdown.",
        ModelEndpoint? endpoint = null,
        IEnumerable<AgentTool>? tools = null,
        string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instructions);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"'{name}' is not an agent name: use letters, digits, '_' and '-'.", nameof(name));
        }

        var toolList = (tools ?? []).ToList();
        if (toolList.Contains(null!))
        {
            throw new ArgumentException("A tool in the list is null.", nameof(tools));
        }

        var duplicate = toolList.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two tools are named '{duplicate.Key}': give plugins distinct names (AgentTool.Plugin(obj, name: ...)).", nameof(tools));
        }

        var agent = new Agent(name, instructions, endpoint ?? ModelEndpoint.FromHub(), toolList, description);
        lock (Gate)
        {
            Defined[name] = agent;
        }

        return agent;
    }

    /// <summary>The agent defined as <paramref name="name"/>, or null.</summary>
    public static Agent? Get(string name)
    {
        lock (Gate)
        {
            return Defined.GetValueOrDefault(name);
        }
    }

    /// <summary>The agents defined in this session.</summary>
    public static IReadOnlyList<Agent> List()
    {
        lock (Gate)
        {
            return [.. Defined.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Forgets the agent <paramref name="name"/>; whether there was one.</summary>
    public static bool Remove(string name)
    {
        lock (Gate)
        {
            return Defined.Remove(name);
        }
    }

    /// <summary>Each agent in turn works on the conversation so far (a pipeline: writer, then reviewer, …).</summary>
    public static AgentWorkflow Sequential(params Agent[] agents) => new(WorkflowKind.Sequential, agents);

    /// <summary>Every agent answers the same task at once; their answers are shown side by side in one transcript.</summary>
    public static AgentWorkflow Concurrent(params Agent[] agents) => new(WorkflowKind.Concurrent, agents);

    /// <summary>
    /// <paramref name="first"/> takes the task and may hand it to any of <paramref name="specialists"/> (a function call the
    /// framework gives it), who may hand it back: triage, then the right expert.
    /// </summary>
    public static AgentWorkflow Handoff(Agent first, params Agent[] specialists)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new(WorkflowKind.Handoff, [first, .. specialists]);
    }

    /// <summary>The agents speak in turn (round robin) on a shared conversation, <paramref name="maxTurns"/> turns in all.</summary>
    public static AgentWorkflow GroupChat(int maxTurns, params Agent[] agents) =>
        maxTurns < 1 ? throw new ArgumentOutOfRangeException(nameof(maxTurns), "A group chat needs at least one turn.") : new(WorkflowKind.GroupChat, agents) { MaxTurns = maxTurns };
}
