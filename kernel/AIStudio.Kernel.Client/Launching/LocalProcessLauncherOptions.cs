namespace AIStudio.Kernel.Client.Launching;

/// <summary>Settings of <see cref="LocalProcessLauncher"/>.</summary>
public sealed record LocalProcessLauncherOptions
{
    /// <summary>Where connection files are written (made 0700); a folder under the temporary directory when null.</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>The loopback address the kernel binds.</summary>
    public string IP { get; init; } = "127.0.0.1";

    /// <summary>How the process is confined; <see cref="NoSandbox"/> by default.</summary>
    public IKernelSandbox Sandbox { get; init; } = NoSandbox.Instance;

    /// <summary>How many of the kernel's last stderr and stdout lines are kept for diagnostics.</summary>
    public int OutputLinesKept { get; init; } = 200;

    /// <summary>
    /// Whether kernels are killed when this process dies, even by SIGKILL (Linux: <c>setpriv --pdeathsig KILL</c> around
    /// the kernel unless the sandbox already does it), so that no orphaned kernel keeps ports and memory. On by default.
    /// </summary>
    public bool DieWithLauncher { get; init; } = true;

    /// <summary>
    /// Where control groups are made for kernels started with <see cref="KernelLaunchRequest.Limits"/> (usually
    /// <c>/sys/fs/cgroup</c>; see <see cref="KernelCgroup.Unavailable"/>); null: limits are not enforced this way.
    /// </summary>
    public string? CgroupRoot { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The runtime directory in use: <see cref="RuntimeDirectory"/> or the default.</summary>
    public string ResolveRuntimeDirectory() =>
        RuntimeDirectory ?? Path.Combine(Path.GetTempPath(), "aistudio-" + System.Environment.UserName, "runtime");
}
