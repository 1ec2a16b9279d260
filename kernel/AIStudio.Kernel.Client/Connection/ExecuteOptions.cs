using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Client.Connection;

/// <summary>The fields of one execute_request besides the code, and how the client waits for its outputs.</summary>
public sealed record ExecuteOptions
{
    public static ExecuteOptions Default { get; } = new();

    public bool Silent { get; init; }

    public bool StoreHistory { get; init; } = true;

    public bool StopOnError { get; init; } = true;

    /// <summary>Expressions the kernel evaluates after the code, by name.</summary>
    public IReadOnlyDictionary<string, string>? UserExpressions { get; init; }

    /// <summary>allow_stdin; when null it is true exactly when <see cref="InputHandler"/> is set.</summary>
    public bool? AllowStdin { get; init; }

    /// <summary>Answers the kernel's input_request (Console.ReadLine in a cell); its return value is sent as the input_reply.</summary>
    public Func<InputRequest, string>? InputHandler { get; init; }

    /// <summary>
    /// How long to wait for status idle once execute_reply has come (iopub and shell are separate sockets, so idle may come
    /// later). Past it the result is returned with <see cref="ExecutionResult.IdleSeen"/> false, as nbclient's iopub_timeout does.
    /// </summary>
    public TimeSpan IdleTimeoutAfterReply { get; init; } = TimeSpan.FromSeconds(10);
}
