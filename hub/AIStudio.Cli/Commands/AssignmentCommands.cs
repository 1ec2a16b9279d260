using System.CommandLine;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;

namespace AIStudio.Cli.Commands;

/// <summary><c>aistudio assignment release | validate | grade</c>.</summary>
internal static class AssignmentCommands
{
    public static Command Create() => new("assignment", "nbgrader-style assignments: student versions, submission checks, autograding.")
    {
        Release(),
        Validate(),
        Grade(),
    };

    private static Command Release()
    {
        var source = new Argument<string>("SOURCE") { Description = "The assignment with solutions and hidden tests (.ipynb)." };
        var output = new Option<string>("--out") { Description = "Where to write the student version.", Required = true };
        var command = new Command("release", "Writes the student version: solutions replaced by stubs, hidden tests removed, checksums written.") { source, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await AssignmentReleaser.ReleaseAsync(result.GetValue(source)!, result.GetValue(output)!, cancellationToken).ConfigureAwait(false);
            }
            catch (AssignmentException e)
            {
                foreach (var problem in e.Problems)
                {
                    await Console.Error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return 1;
            }
            catch (NotebookFormatException e)
            {
                await Console.Error.WriteLineAsync($"{result.GetValue(source)}:{Math.Max(e.Line, 1)}:{Math.Max(e.Column, 1)}: error: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await Console.Out.WriteLineAsync($"Wrote {result.GetValue(output)}.").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Validate()
    {
        var source = new Argument<string>("SOURCE") { Description = "The assignment with solutions and hidden tests (.ipynb)." };
        var submission = new Argument<string>("SUBMISSION") { Description = "The student's notebook." };
        var command = new Command("validate", "Checks a submission against the assignment: changed locked or test cells, deleted or added graded cells. Exits 1 on problems.") { source, submission };
        command.SetAction(async (result, cancellationToken) =>
        {
            var original = await Notebook.LoadAsync(result.GetValue(source)!, cancellationToken).ConfigureAwait(false);
            var submitted = await Notebook.LoadAsync(result.GetValue(submission)!, cancellationToken).ConfigureAwait(false);
            var problems = SubmissionValidator.Validate(original, submitted);
            foreach (var problem in problems)
            {
                await Console.Out.WriteLineAsync($"{result.GetValue(submission)}: error: {problem.Message}").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(problems.Count == 0 ? "The submission is valid." : $"{problems.Count} problem(s).").ConfigureAwait(false);
            return problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Grade()
    {
        var source = new Argument<string>("SOURCE") { Description = "The assignment with solutions and hidden tests (.ipynb)." };
        var submissions = new Argument<string[]>("SUBMISSION") { Description = "The students' notebooks.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The folder for the reports (one NAME.json per submission, Gradescope results.json fields).", Required = true };
        var parallel = new Option<int>("--parallel") { Description = "How many submissions grade at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one cell may run.", DefaultValueFactory = _ => 60 };
        var memory = new Option<int>("--memory") { Description = "The kernel's memory cap in MB (0: none).", DefaultValueFactory = _ => 2048 };
        var kernel = new Option<string?>("--kernel") { Description = "The kernel: a kernelspec folder, its kernel.json or aistudio-kernel.dll (default: AISTUDIO_KERNEL, the kernel next to this tool, the installed aistudio-csharp kernelspec)." };
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Run kernels unconfined even where bubblewrap is available." };
        var command = new Command("grade", "Grades submissions in fresh kernels (sandboxed, no network, per-cell timeout, memory cap), in parallel.")
        {
            source, submissions, output, parallel, timeout, memory, kernel, noSandbox,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var spec = await GradingKernels.FindAsync(result.GetValue(kernel), cancellationToken).ConfigureAwait(false);
            var memoryMegabytes = result.GetValue(memory);
            var grader = new NotebookGrader(new GradingOptions
            {
                Kernel = spec,
                CellTimeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
                MemoryLimitBytes = memoryMegabytes > 0 ? memoryMegabytes * 1024L * 1024 : null,
                Sandbox = !result.GetValue(noSandbox),
            });
            var files = result.GetValue(submissions)!;
            var reports = await GradeProgress.RunAsync(files.Length, progress => GradingFiles.GradeAsync(
                grader, result.GetValue(source)!, files, result.GetValue(output)!, Math.Max(1, result.GetValue(parallel)), progress, cancellationToken)).ConfigureAwait(false);
            GradeProgress.PrintSummary(reports, result.GetValue(output)!);
            return reports.Any(r => r.Stopped?.StartsWith("Grading failed", StringComparison.Ordinal) == true) ? 1 : 0;
        });
        return command;
    }
}
