using AIStudio.Extensions.Agents.Display;
using AIStudio.Extensions.Agents.Endpoints;
using AIStudio.Extensions.Agents.Errors;
using AIStudio.Extensions.Agents.Hub;
using AIStudio.Extensions.Agents.Metering;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace AIStudio.Extensions.Agents.Workflows;

/// <summary>
/// Several agents working on one task, on Microsoft Agent Framework's workflows (<c>AgentWorkflowBuilder</c>): sequential,
/// concurrent, hand-off or a round-robin group chat. <see cref="RunAsync"/> streams every agent's turn into the cell,
/// labelled with its name, tool calls collapsed, then the tokens and estimated cost of all agents. Multi-agent orchestration
/// runs only where the hub's plan includes it (Professional and Enterprise); outside a hub it always runs.
/// </summary>
public sealed class AgentWorkflow
{
    internal AgentWorkflow(WorkflowKind kind, IReadOnlyList<Agent> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Count < 2 || agents.Contains(null!))
        {
            throw new ArgumentException("A workflow needs at least two agents.", nameof(agents));
        }

        if (agents.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != agents.Count)
        {
            throw new ArgumentException("The agents of a workflow need distinct names.", nameof(agents));
        }

        Kind = kind;
        Agents = agents;
    }

    public WorkflowKind Kind { get; }

    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The most turns a group chat takes (all agents together); 6 unless set.</summary>
    public int MaxTurns { get; init; } = 6;

    /// <summary>Runs the workflow on <paramref name="task"/>; each agent's turn streams into the cell.</summary>
    public async Task<AgentReply> RunAsync(string task, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        if (!cancellationToken.CanBeCanceled && Microsoft.DotNet.Interactive.KernelInvocationContext.Current is { } cell)
        {
            // Interrupting the cell stops the call.
            cancellationToken = cell.CancellationToken;
        }

        await EnsureAllowedAsync(cancellationToken).ConfigureAwait(false);
        var byId = new Dictionary<string, Agent>(StringComparer.Ordinal);
        var frameworkAgents = new List<AIAgent>();
        foreach (var agent in Agents)
        {
            var created = agent.CreateFrameworkAgent();
            byId[created.Id] = agent;
            frameworkAgents.Add(created);
        }

        var title = $"{Kind} workflow · {string.Join(", ", Agents.Select(a => a.Name))}";
        var transcript = new AgentTranscript(title, text => Secrets.Redact(text, Agents.Select(a => a.Endpoint.ApiKey)))
        {
            Interleaved = Kind == WorkflowKind.Concurrent,
        };
        var display = LiveTranscriptDisplay.Show(transcript);
        var usage = new Dictionary<Agent, TokenUsage>();
        var tools = new List<string>();
        string lastTurn = "";
        try
        {
            var workflow = Build(frameworkAgents);
            await using var run = await InProcessExecution.RunStreamingAsync(workflow, new List<ChatMessage> { new(ChatRole.User, task) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.TrySendMessageAsync(new TurnToken(emitEvents: true)).ConfigureAwait(false);
            await foreach (var e in run.WatchStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case AgentResponseUpdateEvent update:
                        var agent = Find(update, byId);
                        lastTurn = Apply(update.Update, agent, transcript, usage, tools, lastTurn);
                        display.Refresh();
                        break;
                    case WorkflowErrorEvent error:
                        throw error.Exception ?? new InvalidOperationException("The workflow failed without saying why.");
                    case ExecutorFailedEvent failed:
                        throw failed.Data ?? new InvalidOperationException($"The agent {failed.ExecutorId} failed without saying why.");
                    case WorkflowOutputEvent:
                        break;
                }
            }
        }
        catch (Exception e) when (e is not AgentException)
        {
            var endpoint = Agents[0].Endpoint;
            var translated = AgentErrors.Translate(e, endpoint, cancellationToken);
            await FinishAsync(transcript, display, usage, failed: true).ConfigureAwait(false);
            if (translated == e)
            {
                throw;
            }

            throw translated;
        }

        var (total, cost) = await FinishAsync(transcript, display, usage, failed: false).ConfigureAwait(false);
        return new AgentReply { Text = transcript.AllText, FinalText = lastTurn, ToolCalls = tools, Usage = total, Cost = cost };
    }

    /// <summary>Runs the workflow (blocking; for a cell that cannot await).</summary>
    public AgentReply Run(string task) => Task.Run(() => RunAsync(task)).GetAwaiter().GetResult();

    public override string ToString() => $"{Kind} workflow of {string.Join(", ", Agents.Select(a => a.Name))}";

    private static async Task EnsureAllowedAsync(CancellationToken cancellationToken)
    {
        if (Extensions.Agents.Agents.Hub is not { } hub)
        {
            return;
        }

        var policy = await hub.GetPolicyAsync(cancellationToken).ConfigureAwait(false);
        if (!policy.AgentOrchestration)
        {
            throw new AgentException(
                $"Multi-agent orchestration is not included in your plan ({policy.Plan}): it comes with the Professional and Enterprise plans. " +
                "Single agents (agent.AskAsync) work on every plan; upgrade on the hub's plan page to run workflows.")
            {
                StatusCode = 403,
            };
        }
    }

    private Workflow Build(List<AIAgent> agents) => Kind switch
    {
        WorkflowKind.Sequential => AgentWorkflowBuilder.BuildSequential(agents),
        WorkflowKind.Concurrent => AgentWorkflowBuilder.BuildConcurrent(agents),
        WorkflowKind.Handoff => AgentWorkflowBuilder.CreateHandoffBuilderWith(agents[0])
            .WithHandoffs(agents[0], agents.Skip(1))
            .WithHandoffs(agents.Skip(1), agents[0])
            .Build(),
        WorkflowKind.GroupChat => AgentWorkflowBuilder
            .CreateGroupChatBuilderWith(participants => new RoundRobinGroupChatManager(participants) { MaximumIterationCount = MaxTurns })
            .AddParticipants(agents)
            .Build(),
        _ => throw new InvalidOperationException($"Unknown workflow kind {Kind}."),
    };

    private Agent Find(AgentResponseUpdateEvent update, Dictionary<string, Agent> byId)
    {
        if (update.Update.AgentId is { } id && byId.TryGetValue(id, out var byAgentId))
        {
            return byAgentId;
        }

        if (update.Update.AuthorName is { } author && Agents.FirstOrDefault(a => a.Name == author) is { } byAuthor)
        {
            return byAuthor;
        }

        return byId.FirstOrDefault(p => update.ExecutorId.Contains(p.Key, StringComparison.Ordinal)).Value
            ?? Agents.FirstOrDefault(a => update.ExecutorId.StartsWith(a.Name, StringComparison.OrdinalIgnoreCase))
            ?? Agents[0];
    }

    private static string Apply(AgentResponseUpdate update, Agent agent, AgentTranscript transcript, Dictionary<Agent, TokenUsage> usage, List<string> tools, string lastTurn)
    {
        var key = update.MessageId ?? update.ResponseId;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    transcript.AppendText(agent.Name, text.Text, key);
                    lastTurn = transcript.LastTextOf(agent.Name);
                    break;
                case FunctionCallContent call:
                    tools.Add(call.Name);
                    transcript.AddToolCall(agent.Name, call.CallId, call.Name,
                        System.Text.Json.JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AgentJson.Indented));
                    break;
                case FunctionResultContent result:
                    transcript.CompleteToolCall(result.CallId, result.Exception?.Message ?? result.Result?.ToString() ?? "(no result)", result.Exception is not null);
                    break;
                case UsageContent used:
                    usage[agent] = usage.GetValueOrDefault(agent) + new TokenUsage(used.Details.InputTokenCount ?? 0, used.Details.OutputTokenCount ?? 0);
                    break;
            }
        }

        return lastTurn;
    }

    private async Task<(TokenUsage Total, decimal? Cost)> FinishAsync(AgentTranscript transcript, LiveTranscriptDisplay display, Dictionary<Agent, TokenUsage> usage, bool failed)
    {
        var records = Agents.Select(a =>
        {
            var used = usage.GetValueOrDefault(a);
            return new UsageRecord(a.Endpoint.Name, a.Endpoint.Model, a.Name, used, a.Endpoint.EstimateCost(used), Orchestration: true);
        }).ToList();
        var total = records.Aggregate(default(TokenUsage), (sum, r) => sum + r.Usage);
        var cost = records.All(r => r.Cost is not null) ? records.Sum(r => r.Cost!.Value) : (decimal?)null;
        var warning = await UsageMeter.RecordAsync(records, CancellationToken.None).ConfigureAwait(false);
        if (warning is not null)
        {
            transcript.Note(warning);
        }

        transcript.Finish(total, cost, failed);
        display.Complete();
        return (total, cost);
    }
}
