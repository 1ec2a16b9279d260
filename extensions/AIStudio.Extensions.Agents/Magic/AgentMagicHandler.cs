using System.Net;
using System.Text;
using AIStudio.Extensions.Agents.Endpoints;
using AIStudio.Extensions.Agents.Hub;
using AIStudio.Extensions.Agents.Tools;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents.Magic;

/// <summary>What <c>#!agent</c> does; kept apart from the directive so Semantic Kernel loads only when the magic runs.</summary>
internal static class AgentMagicHandler
{
    public static async Task HandleAsync(AgentCommand command, KernelInvocationContext context, string question)
    {
        try
        {
            if (command.List)
            {
                await ListAsync(context).ConfigureAwait(false);
                return;
            }

            if (string.IsNullOrWhiteSpace(command.Name))
            {
                throw new AgentException("Name the agent: #!agent NAME, then the question on the next lines (#!agent --list shows the agents).");
            }

            var agent = await DefineAsync(command).ConfigureAwait(false);
            if (command.Reset)
            {
                agent.Reset();
            }

            if (question.Length > 0)
            {
                await agent.AskAsync(question, context.CancellationToken).ConfigureAwait(false);
            }
            else if (command.Instructions is null && command.Endpoint is null && command.Model is null && command.Tools is null && !command.Reset)
            {
                throw new AgentException($"Write the question for {agent.Name} on the lines after #!agent {agent.Name}.");
            }
            else
            {
                Show(context, $"{(command.Reset ? "Reset " : "")}{agent}");
            }
        }
        catch (Exception e) when (e is AgentException or ArgumentException)
        {
            context.Fail(command, message: e.Message);
        }
    }

    private static async Task<Agent> DefineAsync(AgentCommand command)
    {
        var name = command.Name!;
        var existing = Agents.Get(name);
        if (existing is not null && command.Endpoint is null && command.Model is null && command.Instructions is null && command.Tools is null)
        {
            return existing;
        }

        var endpoint = command.Endpoint is not null || existing is null
            ? await ModelEndpoint.FromHubAsync(command.Endpoint).ConfigureAwait(false)
            : existing.Endpoint;
        if (command.Model is not null)
        {
            endpoint = endpoint.WithModel(command.Model);
        }

        var tools = command.Tools is null ? existing?.Tools ?? [] : ParseTools(command.Tools);
        return Agents.Create(name, command.Instructions ?? existing?.Instructions ?? DefaultInstructions, endpoint, tools, existing?.Description);
    }

    private const string DefaultInstructions = "You are a helpful assistant in a C# notebook. Answer concisely, in markdown.";

    private static List<AgentTool> ParseTools(string tools) =>
        tools.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant() switch
            {
                "csharp" or "c#" or "code" => AgentTool.CSharp,
                "datasets" or "dataset" => AgentTool.Datasets,
                "http" or "fetch" => AgentTool.HttpFetch,
                _ => throw new AgentException($"Unknown tool '{t}': use csharp, datasets or http (plugins are given in C#: AgentTool.Plugin(obj))."),
            })
            .Distinct()
            .ToList();

    private static async Task ListAsync(KernelInvocationContext context)
    {
        var text = new StringBuilder("Agents:\n");
        var html = new StringBuilder("<div class=\"aistudio-agent-list\"><strong>Agents</strong><ul>");
        var agents = Agents.List();
        foreach (var agent in agents)
        {
            text.Append("- ").Append(agent).Append('\n');
            html.Append("<li>").Append(WebUtility.HtmlEncode(agent.ToString())).Append("</li>");
        }

        if (agents.Count == 0)
        {
            text.Append("(none yet: #!agent NAME --instructions \"...\" or Agents.Create(...))\n");
            html.Append("<li>(none yet: <code>#!agent NAME --instructions \"...\"</code> or <code>Agents.Create(...)</code>)</li>");
        }

        html.Append("</ul>");
        if (Agents.Hub is { } hub)
        {
            IReadOnlyList<HubEndpoint> endpoints = await hub.ListEndpointsAsync(context.CancellationToken).ConfigureAwait(false);
            text.Append("Model endpoints on the hub:\n");
            html.Append("<strong>Model endpoints on the hub</strong><table><tr><th>name</th><th>scope</th><th>provider</th><th>model</th><th>key</th><th>$ per million in/out</th></tr>");
            foreach (var e in endpoints)
            {
                var prices = e.InputCostPerMillion is { } i && e.OutputCostPerMillion is { } o ? FormattableString.Invariant($"{i} / {o}") : "unknown";
                var scope = e.Scope == "org" && e.Organization is not null ? $"org {e.Organization}" : e.Scope;
                text.Append("- ").Append(e.Name).Append(e.IsDefault ? " (default)" : "").Append(": ").Append(e.Model).Append(" at ").Append(e.BaseUrl)
                    .Append(", ").Append(scope).Append(", ").Append(e.HasKey ? "key set" : "no key").Append(", $ per million: ").Append(prices).Append('\n');
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(e.Name)).Append(e.IsDefault ? " <em>(default)</em>" : "").Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(scope)).Append("</td><td>").Append(WebUtility.HtmlEncode(e.Provider)).Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(e.Model)).Append("</td><td>").Append(e.HasKey ? "set" : "none").Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(prices)).Append("</td></tr>");
            }

            html.Append("</table>");
        }
        else
        {
            text.Append("No hub: use ModelEndpoint.OpenAICompatible(new Uri(...), model, apiKey) in C#.\n");
            html.Append("<div>No hub: use <code>ModelEndpoint.OpenAICompatible(new Uri(...), model, apiKey)</code> in C#.</div>");
        }

        html.Append("</div>");
        context.Publish(new DisplayedValueProduced(text.ToString(), context.Command,
            [new FormattedValue(HtmlFormatter.MimeType, html.ToString()), new FormattedValue(PlainTextFormatter.MimeType, text.ToString().TrimEnd())]));
    }

    private static void Show(KernelInvocationContext context, string text) =>
        context.Publish(new DisplayedValueProduced(text, context.Command,
            [new FormattedValue(PlainTextFormatter.MimeType, text), new FormattedValue(HtmlFormatter.MimeType, "<div>" + WebUtility.HtmlEncode(text) + "</div>")]));
}
