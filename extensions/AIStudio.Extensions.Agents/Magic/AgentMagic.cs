using System.Runtime.CompilerServices;
using AIStudio.Extensions.Agents.Tools;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;

namespace AIStudio.Extensions.Agents.Magic;

/// <summary>
/// <c>#!agent NAME</c> with the question as the rest of the cell; <c>--endpoint</c>, <c>--model</c>, <c>--instructions</c>
/// and <c>--tools</c> define or redefine the agent; <c>--reset</c> forgets its conversation; <c>#!agent --list</c> shows
/// the agents and the hub's model endpoints. The rest of the cell is the question, not C#: it is not run.
/// </summary>
internal static class AgentMagic
{
    public const string Name = "#!agent";

    private static readonly ConditionalWeakTable<KernelCommand, object> Questions = [];

    public static void AddTo(Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Ask an agent: #!agent NAME, then the question on the next lines. Define one with --instructions (and --endpoint, --model, --tools csharp,datasets,http); --reset forgets its conversation; #!agent --list shows agents and the hub's model endpoints. C#: Agents.Create(...).AskAsync(...).",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--name", "The agent's name") { AllowImplicitName = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--endpoint", "A model endpoint configured on the hub (its default when not given)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--model", "Another model on that endpoint"));
        directive.Parameters.Add(new KernelDirectiveParameter("--instructions", "The agent's instructions (a system prompt)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--tools", "Tools, comma-separated: csharp (run C# here), datasets, http"));
        directive.Parameters.Add(new KernelDirectiveParameter("--reset", "Forget the agent's conversation") { Flag = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--list", "List the agents and the hub's model endpoints") { Flag = true });
        kernel.AddDirective<AgentCommand>(directive, (command, context) =>
        {
            var cell = CellOf(command);
            if (cell is not null)
            {
                Questions.AddOrUpdate(cell, new object());
            }

            return AgentMagicHandler.HandleAsync(command, context, cell is null ? "" : QuestionIn(cell.Code));
        });
    }

    /// <summary>Middleware for the notebook's language kernels: the question after <c>#!agent</c> is not code to run.</summary>
    public static Task SkipQuestionTextAsync(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next) =>
        command is SubmitCode && CellOf(command) is { } cell && cell != command && Questions.TryGetValue(cell, out _) && !NotebookKernel.IsFromAgent(command)
            ? Task.CompletedTask
            : next(command, context);

    /// <summary>The cell's text without its magic lines.</summary>
    internal static string QuestionIn(string cell) =>
        string.Join('\n', cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(line => !line.TrimStart().StartsWith("#!", StringComparison.Ordinal))).Trim();

    /// <summary>The cell's own submission: the outermost <see cref="SubmitCode"/> this command came from.</summary>
    private static SubmitCode? CellOf(KernelCommand command)
    {
        SubmitCode? cell = null;
        for (var c = command; c is not null; c = c.Parent)
        {
            if (c is SubmitCode submit)
            {
                cell = submit;
            }
        }

        return cell;
    }
}
