using AIStudio.Extensions.Agents.Magic;
using AIStudio.Extensions.Agents.Metering;
using AIStudio.Extensions.Agents.Tools;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents;

/// <summary>
/// The extension's entry point: <c>AgentsExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) adds <c>#!agent</c>
/// and watches each cell: the agents' usage in it is totalled and reported to the hub when it finishes, and variables
/// that an agent's C# declared while the cell ran are kept. It touches neither Semantic Kernel nor the Agent Framework:
/// they load when a cell first defines an agent. Loading twice does nothing more.
/// </summary>
public static class AgentsExtension
{
    private const string MiddlewareName = "AIStudio.Extensions.Agents";
    private static readonly Lock Gate = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> Loaded = [];

    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var root = kernel.RootKernel;
        lock (Gate)
        {
            NotebookKernel.Remember(root);
            if (Loaded.TryGetValue(root, out _))
            {
                return;
            }

            AgentMagic.AddTo(root);
            root.AddMiddleware((command, context, next) => WatchCellAsync(root, command, context, next), MiddlewareName);
            foreach (var child in root is CompositeKernel composite ? composite.ChildKernels.ToList() : [])
            {
                child.AddMiddleware(AgentMagic.SkipQuestionTextAsync, MiddlewareName);
            }

            Loaded.Add(root, new object());
        }
    }

    private static async Task WatchCellAsync(Kernel root, KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (command is not SubmitCode || command.Parent is not null)
        {
            await next(command, context).ConfigureAwait(false);
            return;
        }

        var usage = CellUsage.Begin();
        try
        {
            await next(command, context).ConfigureAwait(false);
        }
        finally
        {
            CellUsage.End();
            await AfterCellAsync(root, usage, context).ConfigureAwait(false);
        }
    }

    private static async Task AfterCellAsync(Kernel root, CellUsage usage, KernelInvocationContext context)
    {
        foreach (var variable in NotebookKernel.TakePending(root))
        {
            var formatted = new FormattedValue(PlainTextFormatter.MimeType, variable.Value?.ToString() ?? "null");
            await root.SendAsync(new SendValue(variable.Name, variable.Value, formatted, variable.KernelName)).ConfigureAwait(false);
        }

        if (usage.Calls == 0)
        {
            return;
        }

        var lines = new List<string>();
        if (usage.Calls > 1)
        {
            lines.Add(usage.Summary());
        }

        if (await UsageMeter.ReportAsync(usage.Records, CancellationToken.None).ConfigureAwait(false) is { } warning)
        {
            lines.Add(warning);
        }

        if (lines.Count > 0)
        {
            var text = string.Join('\n', lines);
            context.Publish(new DisplayedValueProduced(text, context.Command,
                [new FormattedValue(PlainTextFormatter.MimeType, text), new FormattedValue(HtmlFormatter.MimeType,
                    "<div class=\"aistudio-agent-cell\" style=\"color:#666;font-size:90%\">" + string.Join("<br>", lines.Select(System.Net.WebUtility.HtmlEncode)) + "</div>")]));
        }
    }
}
