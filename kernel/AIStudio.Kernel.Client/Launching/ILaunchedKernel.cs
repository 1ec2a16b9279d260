using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>One started kernel: where to connect to it, and how to poll, interrupt and stop it. Disposing kills it.</summary>
public interface ILaunchedKernel : IAsyncDisposable
{
    /// <summary>The launcher's id of this kernel.</summary>
    string Id { get; }

    /// <summary>The ports and key the kernel listens on.</summary>
    ConnectionInfo Connection { get; }

    /// <summary>The operating system's process id, where the kernel is a local process.</summary>
    int? ProcessId { get; }

    /// <summary>Completes when the kernel has exited (crashed, shut down or killed).</summary>
    Task Exited { get; }

    /// <summary>The exit code once the kernel has exited, where one is known.</summary>
    int? ExitCode { get; }

    ValueTask<bool> HasExitedAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills the kernel and everything it started, and waits until it has exited.</summary>
    Task KillAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends SIGINT (interrupt_mode signal).</summary>
    Task SignalInterruptAsync(CancellationToken cancellationToken = default);
}
