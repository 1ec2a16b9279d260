namespace AIStudio.Courses.Grading;

/// <summary>
/// Grades many submissions at once, at most <c>parallelism</c> at a time, each in its own kernel. A grading that hangs
/// or crashes holds one slot until its own timeouts end it; the others go on.
/// </summary>
public sealed class BatchGrader(IGrader grader, int parallelism)
{
    public int Parallelism { get; } = parallelism > 0 ? parallelism : throw new ArgumentOutOfRangeException(nameof(parallelism), "Use 1 or more.");

    /// <summary>The reports in the order of the requests; <paramref name="progress"/> hears of each as it is done.</summary>
    public async Task<IReadOnlyList<GradingReport>> GradeAllAsync(IReadOnlyList<GradingRequest> requests, IProgress<GradingReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var reports = new GradingReport[requests.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (index, token) =>
        {
            GradingReport report;
            try
            {
                report = await grader.GradeAsync(requests[index], token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                report = new GradingReport { Submission = requests[index].Name, Stopped = "Grading failed: " + e.Message, Output = "Grading failed: " + e.Message };
            }

            reports[index] = report;
            progress?.Report(report);
        }).ConfigureAwait(false);
        return reports;
    }
}
