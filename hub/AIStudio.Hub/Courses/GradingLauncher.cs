using AIStudio.Courses.Grading;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.KernelSpecs;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;

namespace AIStudio.Hub.Courses;

/// <summary>
/// The hub's launcher for grading kernels: <see cref="LocalProcessLauncher"/> under bubblewrap with no network and the
/// data and courses folders hidden (so a submission cannot read solutions, hidden tests or anyone's files), whatever
/// <c>Hub:KernelNetwork</c> allows notebooks. Unconfined only where <c>Hub:Sandbox</c> is <c>none</c> or bwrap cannot
/// run and <c>Hub:Sandbox</c> is <c>auto</c>; reports then say <c>sandboxed: false</c>.
/// </summary>
public sealed class GradingLauncher
{
    private readonly LocalProcessLauncher _launcher;

    public GradingLauncher(HubOptions hub, CourseOptions courses, KernelSpecCatalog specs, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(courses);
        ArgumentNullException.ThrowIfNull(specs);
        var sandbox = ChooseSandbox(hub, courses);
        Sandboxed = sandbox is BubblewrapSandbox;
        var runtime = Path.Combine(hub.RuntimeDirectory, "grading");
        _launcher = new LocalProcessLauncher(new LocalProcessLauncherOptions { RuntimeDirectory = runtime, Sandbox = sandbox, TimeProvider = time }, loggerFactory);
        var spec = specs.Find(KernelSpecCatalog.DefaultName)!;
        var environment = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal);
        if (hub.LibTorchDirectory is { } libtorch)
        {
            // TorchSharp assignments find libtorch where the hub's kernels do.
            environment["AISTUDIO_LIBTORCH"] = libtorch;
        }

        Spec = spec with { Argv = [.. spec.Argv, "--no-history"], DisplayName = "C# (AI Studio grader)", Env = environment };
        Time = time;
        LoggerFactory = loggerFactory;
    }

    /// <summary>Whether grading kernels run confined.</summary>
    public bool Sandboxed { get; }

    /// <summary>The kernel that grades.</summary>
    public KernelSpec Spec { get; }

    private TimeProvider Time { get; }

    private ILoggerFactory LoggerFactory { get; }

    /// <summary>Options for a <see cref="NotebookGrader"/> that runs on this launcher.</summary>
    public GradingOptions Options(CourseOptions courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        return new GradingOptions
        {
            Kernel = Spec,
            Launcher = _launcher,
            LauncherSandboxed = Sandboxed,
            CellTimeout = courses.GradingCellTimeout,
            TimeProvider = Time,
            LoggerFactory = LoggerFactory,
        };
    }

    private static IKernelSandbox ChooseSandbox(HubOptions hub, CourseOptions courses)
    {
        if (hub.Sandbox == "none" || !BubblewrapSandbox.IsAvailable())
        {
            return hub.Sandbox == "bubblewrap"
                ? throw new InvalidOperationException("Hub:Sandbox is bubblewrap, but bwrap is missing or cannot make a sandbox here: grading needs it.")
                : NoSandbox.Instance;
        }

        return new BubblewrapSandbox(new BubblewrapOptions
        {
            HiddenPaths = [hub.DataDirectory, .. courses.CoursesDirectory is { } directory ? new[] { directory } : []],
            MemoryLimitBytes = hub.KernelMemoryLimitBytes,
            IsolateNetwork = true,
        });
    }
}
