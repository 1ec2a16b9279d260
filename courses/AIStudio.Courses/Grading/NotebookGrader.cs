using System.Globalization;
using AIStudio.Kernel.Client.Launching;
using Microsoft.Extensions.Logging.Abstractions;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Autograde: checks the submission against the assignment, runs it in a fresh kernel with the assignment's locked and
/// test cells (hidden tests included) put back, and scores each graded cell: its points when it ran without an error.
/// </summary>
public sealed class NotebookGrader(GradingOptions options) : IGrader
{
    public GradingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public async Task<GradingReport> GradeAsync(GradingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = Options.TimeProvider;
        var started = time.GetTimestamp();
        IReadOnlyList<SubmissionProblem> problems;
        GradingPlan plan;
        try
        {
            problems = SubmissionValidator.Validate(request.Source, request.Submission);
            plan = GradingPlan.Build(request.Source, request.Submission);
        }
        catch (AssignmentException e)
        {
            return new GradingReport
            {
                Submission = request.Name,
                Stopped = "The assignment cannot be graded: " + e.Message,
                Output = "The assignment cannot be graded: " + e.Message,
                ExecutionTime = Seconds(time.GetElapsedTime(started)),
            };
        }

        var maxScore = plan.Cells.Sum(c => c.Test?.Points ?? 0);
        var workspace = Directory.CreateTempSubdirectory("aistudio-grade-");
        IReadOnlyList<TestResult> tests = [];
        string? stopped;
        long peak = 0;
        var sandboxed = false;
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(workspace.FullName, "work")).FullName;
            var (launcher, isSandboxed) = CreateLauncher(request, Path.Combine(workspace.FullName, "runtime"));
            sandboxed = isSandboxed;
            var session = new GradingSession(Options, launcher, work);
            tests = await session.RunAsync(plan, cancellationToken).ConfigureAwait(false);
            stopped = session.Stopped;
            peak = session.PeakMemoryBytes;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A grading that fails (the kernel cannot start, the launcher refuses) still gets a report.
            stopped = "Grading failed: " + e.Message;
            tests = [.. plan.Cells.Where(c => c.Test is not null).Select(c => new TestResult
            {
                Name = c.Test!.GradeId ?? "",
                GradeId = c.Test.GradeId ?? "",
                Cell = c.Number,
                MaxScore = c.Test.Points ?? 0,
                Outcome = TestOutcome.NotRun,
                Output = "Not run: " + stopped,
            })];
        }
        finally
        {
            TryDelete(workspace.FullName);
        }

        var score = tests.Sum(t => t.Score);
        return new GradingReport
        {
            Submission = request.Name,
            Score = score,
            MaxScore = maxScore,
            Tests = tests,
            Problems = problems,
            Stopped = stopped,
            PeakMemoryBytes = peak,
            Sandboxed = sandboxed,
            ExecutionTime = Seconds(time.GetElapsedTime(started)),
            Output = Summary(score, maxScore, tests, problems, stopped),
        };
    }

    private (IKernelLauncher Launcher, bool Sandboxed) CreateLauncher(GradingRequest request, string runtimeDirectory)
    {
        if (Options.Launcher is { } given)
        {
            return (given, Options.LauncherSandboxed);
        }

        var sandboxed = Options.Sandbox && OperatingSystem.IsLinux() && BubblewrapAvailability.IsAvailable;
        IKernelSandbox sandbox = NoSandbox.Instance;
        if (sandboxed)
        {
            // The kernel must not read the assignment's source (hidden tests, solutions) or other submissions.
            var hidden = new[] { request.Source.Path, request.Submission.Path }
                .Where(p => p is not null)
                .Select(p => Path.GetDirectoryName(Path.GetFullPath(p!))!)
                .Concat(Options.HiddenPaths)
                .Where(d => d != Path.GetPathRoot(d))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            sandbox = new BubblewrapSandbox(new BubblewrapOptions { IsolateNetwork = true, HiddenPaths = hidden });
        }

        var launcher = new LocalProcessLauncher(
            new LocalProcessLauncherOptions { RuntimeDirectory = runtimeDirectory, Sandbox = sandbox, TimeProvider = Options.TimeProvider },
            Options.LoggerFactory ?? NullLoggerFactory.Instance);
        return (launcher, sandboxed);
    }

    private static string Summary(double score, double maxScore, IReadOnlyList<TestResult> tests, IReadOnlyList<SubmissionProblem> problems, string? stopped)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Score: {score:0.##} of {maxScore:0.##} ({tests.Count(t => t.Outcome == TestOutcome.Passed)} of {tests.Count} tests passed)."),
        };
        if (stopped is not null)
        {
            lines.Add("Stopped: " + stopped);
        }

        lines.AddRange(problems.Select(p => "Problem: " + p.Message));
        return string.Join('\n', lines);
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 3);

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
