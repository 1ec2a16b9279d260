using System.Globalization;
using AIStudio.Courses.Grading;
using Spectre.Console;

namespace AIStudio.Cli.Commands;

/// <summary>How grading shows its progress: a progress bar on a terminal, one plain line per submission when output is redirected.</summary>
internal static class GradeProgress
{
    public static async Task<IReadOnlyList<GradingReport>> RunAsync(int count, Func<IProgress<GradingReport>, Task<IReadOnlyList<GradingReport>>> grade)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var done = 0;
            return await grade(new Callback(report =>
            {
                var number = Interlocked.Increment(ref done);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{number}/{count}] {Line(report)}"));
            })).ConfigureAwait(false);
        }

        IReadOnlyList<GradingReport> reports = [];
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"Grading {count} submission(s)"), maxValue: count);
                reports = await grade(new Callback(report =>
                {
                    AnsiConsole.MarkupLine(Markup.Escape(Line(report)));
                    task.Increment(1);
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return reports;
    }

    public static void PrintSummary(IReadOnlyList<GradingReport> reports, string outputDirectory)
    {
        var total = reports.Sum(r => r.ExecutionTime);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Graded {reports.Count} submission(s); reports in {outputDirectory}; mean score {(reports.Count == 0 ? 0 : reports.Average(r => r.Percentage)):0.#} %; grading time {total:0.#} s in all."));
    }

    private static string Line(GradingReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{report.Submission}: {report.Score:0.##}/{report.MaxScore:0.##} in {report.ExecutionTime:0.0} s{(report.Stopped is null ? "" : " — " + report.Stopped)}{(report.Problems.Count == 0 ? "" : $" — {report.Problems.Count} problem(s)")}");

    private sealed class Callback(Action<GradingReport> action) : IProgress<GradingReport>
    {
        public void Report(GradingReport value) => action(value);
    }
}
