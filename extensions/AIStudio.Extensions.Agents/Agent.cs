using AIStudio.Extensions.Agents.Display;
using AIStudio.Extensions.Agents.Endpoints;
using AIStudio.Extensions.Agents.Errors;
using AIStudio.Extensions.Agents.Metering;
using AIStudio.Extensions.Agents.Tools;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using SkKernel = Microsoft.SemanticKernel.Kernel;

namespace AIStudio.Extensions.Agents;

/// <summary>
/// An agent defined in a notebook (<c>Agents.Create(...)</c>): instructions, a model endpoint and tools, on a Semantic
/// Kernel <c>Kernel</c> with the OpenAI connector and automatic function calling. <see cref="AskAsync"/> streams the reply
/// into the cell as one output updated in place, tool calls shown collapsed with their results, then the tokens used and
/// the estimated cost. It remembers the conversation until <see cref="Reset"/>. In a workflow
/// (<see cref="Agents.Sequential"/>, …) it takes part as a Microsoft Agent Framework agent with the same tools.
/// </summary>
public sealed class Agent
{
    private readonly Lock _gate = new();
    private readonly ChatHistory _history = [];
    private SkKernel? _kernel;

    internal Agent(string name, string instructions, ModelEndpoint endpoint, IReadOnlyList<AgentTool> tools, string? description)
    {
        Name = name;
        Instructions = instructions;
        Endpoint = endpoint;
        Tools = tools;
        Description = description;
        _history.AddSystemMessage(instructions);
    }

    public string Name { get; }

    public string Instructions { get; }

    public string? Description { get; }

    public ModelEndpoint Endpoint { get; }

    public IReadOnlyList<AgentTool> Tools { get; }

    /// <summary>How many messages the conversation holds (the instructions, then each question, tool exchange and reply).</summary>
    public int HistoryCount
    {
        get
        {
            lock (_gate)
            {
                return _history.Count;
            }
        }
    }

    /// <summary>Forgets the conversation (the instructions stay).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _history.Clear();
            _history.AddSystemMessage(Instructions);
        }
    }

    /// <summary>Asks the agent; the reply streams into the cell (plain text lines outside a notebook).</summary>
    public async Task<AgentReply> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (!cancellationToken.CanBeCanceled && Microsoft.DotNet.Interactive.KernelInvocationContext.Current is { } cell)
        {
            // Interrupting the cell stops the call.
            cancellationToken = cell.CancellationToken;
        }

        var transcript = new AgentTranscript($"{Name} · {Endpoint.Model}", Endpoint.Redact);
        var display = LiveTranscriptDisplay.Show(transcript);
        var observer = new ToolCallObserver(transcript, Name, display.Refresh, display.Line);
        var kernel = Kernel().Clone();
        kernel.AutoFunctionInvocationFilters.Add(observer);
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = Tools.Count > 0 ? FunctionChoiceBehavior.Auto() : null,
        };

        ChatHistory history;
        lock (_gate)
        {
            history = [.. _history];
        }

        history.AddUserMessage(question);
        var usage = default(TokenUsage);
        var reply = new System.Text.StringBuilder();
        try
        {
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel, cancellationToken).ConfigureAwait(false))
            {
                if (chunk.Metadata?.TryGetValue("Usage", out var value) == true && value is ChatTokenUsage tokens)
                {
                    usage += new TokenUsage(tokens.InputTokenCount, tokens.OutputTokenCount);
                }

                if (!string.IsNullOrEmpty(chunk.Content))
                {
                    reply.Append(chunk.Content);
                    transcript.AppendText(Name, chunk.Content, $"turn{observer.Calls.Count}");
                    display.Refresh();
                }
            }
        }
        catch (Exception e) when (e is not AgentException)
        {
            var translated = AgentErrors.Translate(e, Endpoint, cancellationToken);
            await FinishAsync(transcript, display, usage, failed: true).ConfigureAwait(false);
            if (translated == e)
            {
                throw;
            }

            throw translated;
        }

        history.AddAssistantMessage(reply.ToString());
        lock (_gate)
        {
            _history.Clear();
            _history.AddRange(history);
        }

        var cost = await FinishAsync(transcript, display, usage, failed: false).ConfigureAwait(false);
        return new AgentReply
        {
            Text = transcript.AllText,
            FinalText = reply.ToString(),
            ToolCalls = [.. observer.Calls],
            Usage = usage,
            Cost = cost,
        };
    }

    /// <summary>Asks the agent (blocking; for a cell that cannot await).</summary>
    public AgentReply Ask(string question) => Task.Run(() => AskAsync(question)).GetAwaiter().GetResult();

    public override string ToString() =>
        $"{Name}: {Endpoint}{(Tools.Count > 0 ? $", tools: {string.Join(", ", Tools)}" : "")}";

    /// <summary>This agent as a Microsoft Agent Framework agent, for workflows: the same endpoint, instructions and tools.</summary>
    internal ChatClientAgent CreateFrameworkAgent()
    {
        var kernel = Kernel();
        var tools = kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel)).Cast<AITool>().ToList();
        var client = OpenAIClients.Create(Endpoint).GetChatClient(Endpoint.Model).AsIChatClient();
        return new ChatClientAgent(client, Instructions, Name, Description, tools);
    }

    private async Task<decimal?> FinishAsync(AgentTranscript transcript, LiveTranscriptDisplay display, TokenUsage usage, bool failed)
    {
        var cost = Endpoint.EstimateCost(usage);
        var warning = await UsageMeter.RecordAsync([new UsageRecord(Endpoint.Name, Endpoint.Model, Name, usage, cost, Orchestration: false)], CancellationToken.None).ConfigureAwait(false);
        if (warning is not null)
        {
            transcript.Note(warning);
        }

        transcript.Finish(usage, cost, failed);
        display.Complete();
        return cost;
    }

    private SkKernel Kernel()
    {
        lock (_gate)
        {
            if (_kernel is not null)
            {
                return _kernel;
            }

            var builder = SkKernel.CreateBuilder();
            builder.AddOpenAIChatCompletion(Endpoint.Model, OpenAIClients.Create(Endpoint));
            foreach (var tool in Tools)
            {
                builder.Plugins.Add(tool.CreatePlugin());
            }

            return _kernel = builder.Build();
        }
    }
}
