using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>
/// Runs C# in the notebook's own C# kernel, as a cell would, and returns what it printed, returned or failed with as text
/// for the model. The code sees the variables of earlier cells; the variables it declares stay in the kernel: while the
/// asking cell is still running they live in the kernel's state already, and they are declared again once that cell
/// finishes (a cell's completion would otherwise replace the state the agent's submission left).
/// </summary>
internal static class KernelCodeRunner
{
    public const int MaxResultLength = 8000;

    public static async Task<string> RunAsync(string code, CancellationToken cancellationToken)
    {
        var root = NotebookKernel.Root ?? throw new AgentException(
            "The C# tool needs a notebook kernel: load the Agents extension into one (AgentsExtension.Load(kernel)).");
        var target = FindCSharpKernel(root);
        var insideCell = KernelInvocationContext.Current is not null;
        var before = await VariableNamesAsync(root, target, cancellationToken).ConfigureAwait(false);
        var result = await root.SendAsync(NotebookKernel.FromAgent(new SubmitCode(code, target)), cancellationToken).ConfigureAwait(false);
        var text = Describe(result);
        if (insideCell && !result.Events.OfType<CommandFailed>().Any())
        {
            await KeepDeclaredVariablesAsync(root, target, before, cancellationToken).ConfigureAwait(false);
        }

        return text;
    }

    private static string FindCSharpKernel(Kernel root) =>
        root is CompositeKernel composite
            ? composite.ChildKernels.FirstOrDefault(k => k.Name == "csharp")?.Name ?? composite.DefaultKernelName ?? "csharp"
            : root.Name;

    private static async Task<HashSet<string>> VariableNamesAsync(Kernel root, string target, CancellationToken cancellationToken)
    {
        var result = await root.SendAsync(new RequestValueInfos(target), cancellationToken).ConfigureAwait(false);
        return result.Events.OfType<ValueInfosProduced>().SelectMany(e => e.ValueInfos).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Inside a running cell: remembers what the submission declared, to declare it again after the cell.</summary>
    private static async Task KeepDeclaredVariablesAsync(Kernel root, string target, HashSet<string> before, CancellationToken cancellationToken)
    {
        var after = await VariableNamesAsync(root, target, cancellationToken).ConfigureAwait(false);
        foreach (var name in after.Where(n => !before.Contains(n)))
        {
            var value = await root.SendAsync(new RequestValue(name, PlainTextFormatter.MimeType, target), cancellationToken).ConfigureAwait(false);
            if (value.Events.OfType<ValueProduced>().FirstOrDefault() is { } produced)
            {
                NotebookKernel.AddPending(root, new DeclaredVariable(target, name, produced.Value));
            }
        }
    }

    private static string Describe(KernelCommandResult result)
    {
        var text = new StringBuilder();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced output:
                    text.Append(Plain(output));
                    break;
                case StandardErrorValueProduced error:
                    text.Append("stderr: ").Append(Plain(error));
                    break;
                case ReturnValueProduced returned:
                    AppendLine(text).Append("result: ").Append(returned.Value?.ToDisplayString(PlainTextFormatter.MimeType) ?? "null").Append('\n');
                    break;
                case DisplayedValueProduced shown:
                    AppendLine(text).Append("displayed: ").Append(shown.Value?.ToDisplayString(PlainTextFormatter.MimeType) ?? Plain(shown)).Append('\n');
                    break;
                case CommandFailed failed:
                    AppendLine(text).Append("error: ").Append(failed.Message).Append('\n');
                    break;
            }
        }

        var all = text.Length == 0 ? "(the code ran and printed nothing)" : text.ToString().TrimEnd();
        return all.Length <= MaxResultLength ? all : string.Concat(all.AsSpan(0, MaxResultLength), $"\n… ({all.Length - MaxResultLength:N0} more characters cut)");
    }

    private static StringBuilder AppendLine(StringBuilder text) =>
        text.Length > 0 && text[^1] != '\n' ? text.Append('\n') : text;

    private static string Plain(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value
        ?? "";
}
