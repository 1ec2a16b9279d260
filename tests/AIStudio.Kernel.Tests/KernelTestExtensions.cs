using System.Text.Json;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests;

/// <summary>Shortcuts for the kernel tests: every wait has a timeout, every failure prints what came back.</summary>
internal static class KernelTestExtensions
{
    /// <summary>Executes and returns the result whatever its status, within <see cref="Timeouts.FirstExecute"/>.</summary>
    public static async Task<ExecutionResult> RunAsync(this KernelConnection connection, string code, ExecuteOptions? options = null)
    {
        using var timeout = Timeouts.After(Timeouts.FirstExecute);
        try
        {
            return await connection.ExecuteAsync(code, options, timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"No execute_reply and idle within {Timeouts.FirstExecute.TotalSeconds} s for:\n{Shorten(code)}", e);
        }
    }

    /// <summary>Executes and asserts the reply is ok.</summary>
    public static async Task<ExecutionResult> RunOkAsync(this KernelConnection connection, string code, ExecuteOptions? options = null)
    {
        var result = await connection.RunAsync(code, options);
        Assert.True(result.Status == "ok", $"Expected status ok for:\n{Shorten(code)}\nGot:\n{result}");
        return result;
    }

    /// <summary>Asserts the kernel still answers kernel_info on shell.</summary>
    public static async Task AssertServingAsync(this KernelConnection connection)
    {
        using var timeout = Timeouts.After(Timeouts.Request);
        var info = await connection.KernelInfoAsync(Channels.Shell, timeout.Token);
        Assert.Equal("ok", info.Status);
    }

    /// <summary>The string values of a MIME bundle, joined: to look for text whichever type the kernel chose.</summary>
    public static string AllText(this IReadOnlyDictionary<string, JsonElement> bundle) =>
        string.Join("\n", bundle.Values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()));

    public static string? PlainText(this IReadOnlyDictionary<string, JsonElement> bundle) =>
        bundle.TryGetValue("text/plain", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    public static bool IsStatus(this JupyterMessage message, string state) =>
        message.MessageType == MessageTypes.Status
        && message.Content.TryGetProperty("execution_state", out var value)
        && value.ValueEquals(state);

    public static bool HasParent(this JupyterMessage message, JupyterMessage request) =>
        message.ParentHeader?.MessageId == request.Header.MessageId;

    private static string Shorten(string code) => code.Length <= 500 ? code : string.Concat(code.AsSpan(0, 500), $"… ({code.Length} chars)");
}
