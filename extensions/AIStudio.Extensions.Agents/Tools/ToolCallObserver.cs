using System.Text.Json;
using AIStudio.Extensions.Agents.Display;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>
/// Shows each function the model calls in the transcript (name and arguments, then its result) and keeps a tool that
/// throws from ending the call: the model reads the error as the function's result and may try again.
/// </summary>
internal sealed class ToolCallObserver(AgentTranscript transcript, string agent, Action refresh, Action<string> line) : IAutoFunctionInvocationFilter
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls => _calls;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var name = context.Function.PluginName is { Length: > 0 } plugin ? $"{plugin}.{context.Function.Name}" : context.Function.Name;
        var arguments = JsonSerializer.Serialize(
            (context.Arguments ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString()),
            AgentJson.Indented);
        var id = context.ToolCallId ?? Guid.NewGuid().ToString("N");
        lock (_calls)
        {
            _calls.Add(name);
        }

        transcript.AddToolCall(agent, id, name, arguments);
        refresh();
        string result;
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
            result = context.Result.GetValue<object>()?.ToString() ?? "(no result)";
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            failed = true;
            result = $"The function failed: {(e is AgentException ? e.Message : $"{e.GetType().Name}: {e.Message}")}";
            context.Result = new FunctionResult(context.Function, result);
        }

        transcript.CompleteToolCall(id, result, failed);
        line($"  tool {name} -> {(result.Length > 200 ? result[..200] + "…" : result)}");
        refresh();
    }
}
