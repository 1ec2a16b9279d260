using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using Microsoft.Extensions.Logging;

namespace AIStudio.Courses.Grading;

/// <summary>Settings of <see cref="NotebookGrader"/>.</summary>
public sealed record GradingOptions
{
    /// <summary>The kernel that runs submissions (see <see cref="GradingKernels"/>).</summary>
    public required KernelSpec Kernel { get; init; }

    /// <summary>
    /// Starts the kernels; the hub passes its sandboxed launcher here. When null, each grading gets a
    /// <see cref="LocalProcessLauncher"/> confined by bubblewrap without network where bwrap works (see <see cref="Sandbox"/>).
    /// </summary>
    public IKernelLauncher? Launcher { get; init; }

    /// <summary>
    /// Whether <see cref="Launcher"/> confines its kernels (bubblewrap, no network), as the hub's grading launcher does;
    /// reports say so in <see cref="GradingReport.Sandboxed"/>. Ignored when <see cref="Launcher"/> is null.
    /// </summary>
    public bool LauncherSandboxed { get; init; }

    /// <summary>Whether the default launcher confines kernels with bubblewrap (no network) when bwrap is available.</summary>
    public bool Sandbox { get; init; } = true;

    /// <summary>Folders the sandboxed kernel must not see besides those of the source and submission files.</summary>
    public IReadOnlyList<string> HiddenPaths { get; init; } = [];

    /// <summary>How long one cell may run; past it the kernel is interrupted, then killed, and later cells do not run.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a kernel may take to start and answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The kernel's resident memory cap (its processes together) in bytes; null for none.</summary>
    public long? MemoryLimitBytes { get; init; } = 2048L * 1024 * 1024;

    /// <summary>How often the kernel's resident memory is sampled.</summary>
    public TimeSpan MemorySampleInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }
}
