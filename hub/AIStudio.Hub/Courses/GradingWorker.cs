using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Courses;

/// <summary>
/// Grades submissions in the background, at most <see cref="CourseOptions.GradingParallelism"/> at a time, each in a
/// fresh kernel of the hub's sandboxed grading launcher. A grading that cannot run (the kernel does not start, the
/// assignment is gone) is recorded as failed with the reason; a grading cut short by the hub stopping is done again
/// at the next start. A graded submission may complete the course: the certificate is issued then.
/// </summary>
public sealed partial class GradingWorker(
    GradingBacklog queue, IServiceScopeFactory scopes, HubSeeder seeder, DatabaseSchema schema, CourseLibrary library,
    CourseOptions options, GradingLauncher launcher, SubmissionFiles files, TimeProvider time, ILogger<GradingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // What was queued or being graded when the hub stopped is graded again. A database just made holds no submission:
        // no query then (its compilation was a tenth of a second of CPU beside the first start).
        await seeder.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
        if (!await schema.Created.ConfigureAwait(false))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var pending = await db.Submissions.AsNoTracking()
                .Where(s => s.Status == SubmissionStatus.Queued || s.Status == SubmissionStatus.Grading)
                .OrderBy(s => s.SubmittedAt).Select(s => s.Id).ToListAsync(stoppingToken).ConfigureAwait(false);
            foreach (var id in pending)
            {
                queue.Enqueue(id);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.GradingParallelism, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken), parallel, GradeAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask GradeAsync(string id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (submission is null || submission.Status is SubmissionStatus.Graded or SubmissionStatus.Failed)
        {
            return;
        }

        submission.Status = SubmissionStatus.Grading;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var course = await library.CourseAsync(submission.CourseSlug).ConfigureAwait(false);
            var assignment = CourseLibrary.Assignment(course, submission.AssignmentId);
            var source = await Notebook.LoadAsync(CourseLibrary.NotebookPath(course, assignment), cancellationToken).ConfigureAwait(false);
            var bytes = await files.ReadAsync(submission.UserId, submission.Id, cancellationToken).ConfigureAwait(false);
            var submitted = Notebook.Parse(bytes, submission.Id + ".ipynb");
            var grader = new NotebookGrader(launcher.Options(options));
            var report = await grader.GradeAsync(new GradingRequest { Name = submission.Id, Source = source, Submission = submitted }, cancellationToken).ConfigureAwait(false);
            submission.ReportJson = GradingJson.Serialize(report);
            submission.RawScore = report.Score;
            submission.MaxScore = report.MaxScore;
            submission.Score = Math.Round(report.Score * (100 - submission.LatePenaltyPercent) / 100, 4);
            submission.Gradings++;
            submission.GradedAt = Instants.Now(time);
            if (report.Stopped is { } stopped && stopped.StartsWith("Grading failed", StringComparison.Ordinal) || report.Stopped?.StartsWith("The assignment cannot be graded", StringComparison.Ordinal) == true)
            {
                submission.Status = SubmissionStatus.Failed;
                submission.Failure = Truncate(report.Stopped!);
            }
            else
            {
                submission.Status = SubmissionStatus.Graded;
                submission.Failure = null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The hub is stopping: the submission stays in Grading and is graded again at the next start.
            return;
        }
#pragma warning disable CA1031 // Any failure is the submission's record, not the worker's end.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, id, e);
            submission.Status = SubmissionStatus.Failed;
            submission.Failure = Truncate($"{e.GetType().Name}: {e.Message}");
            submission.Gradings++;
            submission.GradedAt = Instants.Now(time);
        }

        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        LogGraded(logger, id, submission.Status, submission.Score ?? 0, submission.MaxScore ?? 0);
        if (submission.Status == SubmissionStatus.Graded)
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<CertificateService>()
                    .IssueIfCompletedAsync(submission.UserId, submission.CourseSlug, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A certificate that cannot be issued now is issued at the next graded submission or on request.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogCertificateFailed(logger, submission.UserId, submission.CourseSlug, e);
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..3999] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {Id}: {Status}, {Score} of {MaxScore}.")]
    private static partial void LogGraded(ILogger logger, string id, SubmissionStatus status, double score, double maxScore);

    [LoggerMessage(Level = LogLevel.Error, Message = "Submission {Id} could not be graded.")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The certificate of {UserId} for {Course} could not be issued.")]
    private static partial void LogCertificateFailed(ILogger logger, string userId, string course, Exception exception);
}
