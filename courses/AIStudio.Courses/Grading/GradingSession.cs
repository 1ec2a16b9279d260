using System.Globalization;
using System.Net.Sockets;
using AIStudio.Kernel.Client.Connection;
using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Courses.Grading;

/// <summary>
/// One grading run: a fresh kernel, the plan's cells executed one by one under a per-cell timeout and a memory cap,
/// and a result for every graded cell. After a timeout, the memory cap or a crash the kernel is gone, so the cells after
/// it are reported as not run. A kernel that cannot start for a reason of the machine, not of the submission (its ports
/// taken, or an exit before it ran any code), is started again a few times first.
/// </summary>
internal sealed class GradingSession(GradingOptions options, IKernelLauncher launcher, string workingDirectory)
{
    /// <summary>Starts of one grading's kernel, the first included, before its failure to start is reported.</summary>
    internal const int MaxStartAttempts = 3;

    private const int MaxOutputChars = 4000;
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(2);

    public long PeakMemoryBytes { get; private set; }

    /// <summary>Why the run stopped early, or null when every cell ran.</summary>
    public string? Stopped { get; private set; }

    /// <summary>How many kernels were started (more than one when a start failed and was tried again).</summary>
    public int StartAttempts { get; private set; }

    public async Task<IReadOnlyList<TestResult>> RunAsync(GradingPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        while (true)
        {
            StartAttempts++;
            Stopped = null;
            if (await RunOnceAsync(plan, retryStart: StartAttempts < MaxStartAttempts, cancellationToken).ConfigureAwait(false) is { } results)
            {
                return results;
            }
        }
    }

    /// <summary>The results, or null when the kernel failed to start in a way worth another try (and <paramref name="retryStart"/> allows one).</summary>
    /// <summary>The NuGet global packages folder of this machine (<c>NUGET_PACKAGES</c>, else ~/.nuget/packages), or null when there is none.</summary>
    private static string? NuGetPackagesFolder()
    {
        var folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.Exists(folder) ? folder : null;
    }

    private async Task<IReadOnlyList<TestResult>?> RunOnceAsync(GradingPlan plan, bool retryStart, CancellationToken cancellationToken)
    {
        var results = new List<TestResult>();
        var time = options.TimeProvider;
        var request = new KernelLaunchRequest
        {
            Spec = options.Kernel,
            WorkingDirectory = workingDirectory,
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                // A .NET kernel's managed heap stops at the cap: a cell that allocates without bound gets an
                // OutOfMemoryException at once, however late the RSS sampler runs on a busy machine (the sampler still
                // stops native allocations). Other kernels ignore the variable.
                ["DOTNET_GCHeapHardLimit"] = options.MemoryLimitBytes is { } cap ? "0x" + cap.ToString("X", CultureInfo.InvariantCulture) : null,
                // The sandbox gives the kernel a HOME of its own: the machine's NuGet cache (read-only there) is where the
                // kernel finds packages restored for the course, libtorch for TorchSharp assignments among them.
                ["NUGET_PACKAGES"] = NuGetPackagesFolder(),
            },
        };
        ILaunchedKernel kernel;
        try
        {
            kernel = await launcher.StartAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (retryStart && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // A port picked for the kernel was taken before the kernel bound it (rare since ports come from below the
            // ephemeral range, but another program may still hold one). A new start picks new ports.
            return null;
        }

        await using (kernel.ConfigureAwait(false))
        {
            var connection = new KernelConnection(kernel.Connection, new KernelConnectionOptions { TimeProvider = time });
            await using (connection.ConfigureAwait(false))
            {
                var watch = new MemoryWatch(kernel.ProcessId, options.MemoryLimitBytes, options.MemorySampleInterval, time,
                    () => KillAsync(kernel));
                await using (watch.ConfigureAwait(false))
                {
                    Stopped = await WaitUntilReadyAsync(kernel, connection, watch, cancellationToken).ConfigureAwait(false);
                    if (Stopped is not null && retryStart && kernel.Exited.IsCompleted && !watch.Exceeded.IsCompleted)
                    {
                        // No cell has run yet, so the exit is not the submission's doing (typically a port taken
                        // between picking and binding it): start a fresh kernel instead of failing every test.
                        await KillAsync(kernel).ConfigureAwait(false);
                        return null;
                    }

                    foreach (var cell in plan.Cells)
                    {
                        if (cell.CellType != Notebooks.NotebookCell.Code)
                        {
                            if (cell.Test is { } manual)
                            {
                                results.Add(Result(cell, manual, TestOutcome.ManualGrading, 0, "A written answer: graded by hand.", TimeSpan.Zero));
                            }

                            continue;
                        }

                        if (Stopped is not null)
                        {
                            if (cell.Test is { } test)
                            {
                                results.Add(Result(cell, test, TestOutcome.NotRun, 0, $"Not run: {Stopped}", TimeSpan.Zero));
                            }

                            continue;
                        }

                        var result = await RunCellAsync(cell, kernel, connection, watch, cancellationToken).ConfigureAwait(false);
                        if (result is not null)
                        {
                            results.Add(result);
                        }
                    }

                    PeakMemoryBytes = watch.PeakBytes;
                }
            }

            await KillAsync(kernel).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<string?> WaitUntilReadyAsync(ILaunchedKernel kernel, KernelConnection connection, MemoryWatch watch, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.StartTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ready = connection.WaitForReadyAsync(linked.Token);
        var first = await Task.WhenAny(ready, kernel.Exited, watch.Exceeded).ConfigureAwait(false);
        if (first == ready)
        {
            try
            {
                await ready.ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the kernel did not answer within {options.StartTimeout.TotalSeconds:0} s of its start.");
            }
        }

        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == watch.Exceeded
            ? MemoryMessage()
            : string.Create(CultureInfo.InvariantCulture, $"the kernel exited (code {kernel.ExitCode}) before it answered.");
    }

    private async Task<TestResult?> RunCellAsync(PlannedCell cell, ILaunchedKernel kernel, KernelConnection connection, MemoryWatch watch, CancellationToken cancellationToken)
    {
        var started = options.TimeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.CellTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var execute = connection.ExecuteAsync(cell.Code, new ExecuteOptions { StopOnError = false, AllowStdin = false }, linked.Token);
        var first = await Task.WhenAny(execute, kernel.Exited, watch.Exceeded).ConfigureAwait(false);
        ExecutionResult? executed = null;
        if (first == execute)
        {
            try
            {
                executed = await execute.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
            {
                await StopAfterTimeoutAsync(kernel, connection).ConfigureAwait(false);
                Stopped = string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number} timed out after {options.CellTimeout.TotalSeconds:0.#} s and the kernel was stopped.");
                return cell.Test is { } timedOut
                    ? Result(cell, timedOut, TestOutcome.TimedOut, 0, string.Create(CultureInfo.InvariantCulture, $"Timed out after {options.CellTimeout.TotalSeconds:0.#} s."), options.TimeProvider.GetElapsedTime(started))
                    : null;
            }
        }
        else
        {
            await linked.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            // Over the cap: the sampler's kill ends the process before it marks Exceeded, so the exit can be seen first;
            // the peak it recorded before killing says why.
            if (watch.Exceeded.IsCompleted || (options.MemoryLimitBytes is { } cap && watch.PeakBytes > cap))
            {
                Stopped = string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number} {MemoryMessage()}");
                return cell.Test is { } overMemory ? Result(cell, overMemory, TestOutcome.MemoryExceeded, 0, "Stopped: " + MemoryMessage(), options.TimeProvider.GetElapsedTime(started)) : null;
            }

            Stopped = string.Create(CultureInfo.InvariantCulture, $"the kernel died (exit code {kernel.ExitCode}) while running cell {cell.Number}.");
            return cell.Test is { } died ? Result(cell, died, TestOutcome.KernelDied, 0, "The kernel died while running this cell.", options.TimeProvider.GetElapsedTime(started)) : null;
        }

        if (cell.Test is not { } test)
        {
            return null;
        }

        var elapsed = options.TimeProvider.GetElapsedTime(started);
        if (executed.Status == "ok")
        {
            return Result(cell, test, TestOutcome.Passed, test.Points ?? 0, Truncate(executed.Stdout), elapsed);
        }

        var error = executed.Errors.Count > 0 ? executed.Errors[0] : null;
        if (options.MemoryLimitBytes is not null && (error?.ExceptionName ?? executed.ReplyContent.ExceptionName) is "OutOfMemoryException" or "System.OutOfMemoryException")
        {
            // The heap limit set at launch: the cell hit the memory cap. Later cells must not run in what it left behind.
            await KillAsync(kernel).ConfigureAwait(false);
            Stopped = string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number} {MemoryMessage()}");
            return Result(cell, test, TestOutcome.MemoryExceeded, 0, "Stopped: " + MemoryMessage(), elapsed);
        }

        var message = error is not null
            ? $"{error.ExceptionName}: {error.ExceptionValue}"
            : $"{executed.ReplyContent.ExceptionName}: {executed.ReplyContent.ExceptionValue}";
        var printed = executed.Stdout;
        return Result(cell, test, TestOutcome.Failed, 0, Truncate(printed.Length > 0 ? message + "\n" + printed : message), elapsed);
    }

    private static async Task StopAfterTimeoutAsync(ILaunchedKernel kernel, KernelConnection connection)
    {
        // Interrupt first (the kernel's own way to stop a cell), then kill: later cells must not run in a kernel whose
        // state the timed-out cell may have left half-changed.
        try
        {
            using var grace = new CancellationTokenSource(InterruptGrace);
            await connection.InterruptAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
        {
        }

        await KillAsync(kernel).ConfigureAwait(false);
    }

    /// <summary>Kills the kernel, waiting a bounded time: one grading must never hang on a process that will not die.</summary>
    private static async Task KillAsync(ILaunchedKernel kernel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await kernel.KillAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string MemoryMessage() => string.Create(CultureInfo.InvariantCulture,
        $"used more than the memory cap of {options.MemoryLimitBytes / (1024 * 1024)} MB and the kernel was stopped.");

    private static TestResult Result(PlannedCell cell, NbgraderMetadata test, TestOutcome outcome, double score, string output, TimeSpan elapsed) => new()
    {
        Name = test.GradeId ?? string.Create(CultureInfo.InvariantCulture, $"cell {cell.Number}"),
        GradeId = test.GradeId ?? "",
        Cell = cell.Number,
        Score = score,
        MaxScore = test.Points ?? 0,
        Outcome = outcome,
        Output = output,
        ExecutionTime = Math.Round(elapsed.TotalSeconds, 3),
    };

    private static string Truncate(string text) => text.Length <= MaxOutputChars ? text : string.Concat(text.AsSpan(0, MaxOutputChars), "…");
}
