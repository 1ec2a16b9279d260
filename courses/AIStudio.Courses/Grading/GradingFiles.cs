using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Grading from and to files (what the command line does): submissions read from .ipynb files, graded in parallel,
/// one JSON report per submission written to a folder as <c>NAME.json</c>. A file that is not a notebook gets a report
/// saying so, with a score of 0.
/// </summary>
public static class GradingFiles
{
    public static async Task<IReadOnlyList<GradingReport>> GradeAsync(
        IGrader grader, string sourcePath, IReadOnlyList<string> submissionPaths, string outputDirectory, int parallelism,
        IProgress<GradingReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grader);
        ArgumentNullException.ThrowIfNull(submissionPaths);
        var source = await Notebook.LoadAsync(sourcePath, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(outputDirectory);
        var names = ReportNames(submissionPaths);
        var reports = new GradingReport[submissionPaths.Count];
        var requests = new List<(int Index, GradingRequest Request)>();
        for (var i = 0; i < submissionPaths.Count; i++)
        {
            try
            {
                var submission = await Notebook.LoadAsync(submissionPaths[i], cancellationToken).ConfigureAwait(false);
                requests.Add((i, new GradingRequest { Name = names[i], Source = source, Submission = submission }));
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                var message = $"{submissionPaths[i]} cannot be graded: {e.Message}";
                reports[i] = new GradingReport { Submission = names[i], Stopped = message, Output = message };
                await WriteAsync(reports[i], outputDirectory, cancellationToken).ConfigureAwait(false);
                progress?.Report(reports[i]);
            }
        }

        var writing = new Progress(outputDirectory, progress, cancellationToken);
        var graded = await new BatchGrader(grader, parallelism)
            .GradeAllAsync([.. requests.Select(r => r.Request)], writing, cancellationToken).ConfigureAwait(false);
        await writing.DrainAsync().ConfigureAwait(false);
        for (var i = 0; i < requests.Count; i++)
        {
            reports[requests[i].Index] = graded[i];
        }

        return reports;
    }

    /// <summary>The report's file: NAME.json in the folder.</summary>
    public static string ReportPath(string outputDirectory, string name) => Path.Combine(outputDirectory, name + ".json");

    private static async Task WriteAsync(GradingReport report, string outputDirectory, CancellationToken cancellationToken)
    {
        var path = ReportPath(outputDirectory, report.Submission);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, GradingJson.Serialize(report) + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>File names without .ipynb; where two submissions share one, both get their position appended.</summary>
    private static string[] ReportNames(IReadOnlyList<string> paths)
    {
        var names = paths.Select(Path.GetFileNameWithoutExtension).Select(n => string.IsNullOrEmpty(n) ? "submission" : n).ToArray();
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. names.Select((n, i) => duplicates.Contains(n) ? FormattableString.Invariant($"{n}-{i + 1}") : n)];
    }

    /// <summary>Writes each report as soon as it is done (a long batch leaves its results behind as it goes), then passes it on.</summary>
    private sealed class Progress(string outputDirectory, IProgress<GradingReport>? next, CancellationToken cancellationToken) : IProgress<GradingReport>
    {
        private readonly List<Task> _writes = [];

        public void Report(GradingReport value)
        {
            var write = WriteAsync(value, outputDirectory, cancellationToken);
            lock (_writes)
            {
                _writes.Add(write);
            }

            next?.Report(value);
        }

        public Task DrainAsync()
        {
            lock (_writes)
            {
                return Task.WhenAll(_writes);
            }
        }
    }
}
