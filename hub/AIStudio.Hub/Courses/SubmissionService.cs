using AIStudio.Courses.Catalog;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Courses;

/// <summary>
/// Submissions: taken (size-limited, parsed, checked against the assignment with <see cref="SubmissionValidator"/>,
/// the late policy applied, stored, queued), read (by their learner, or by whoever holds <c>grades</c> on the learner's
/// organization; anyone else gets 404), and re-graded.
/// </summary>
public sealed class SubmissionService(HubDbContext db, CourseLibrary library, CourseOptions options, SubmissionFiles files, GradingBacklog queue, TimeProvider time)
{
    /// <summary>Takes a submission of <paramref name="notebook"/> (the .ipynb bytes) from the caller; it is graded in the background.</summary>
    public async Task<SubmissionModel> SubmitAsync(Caller caller, string slug, string assignmentId, byte[] notebook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(notebook);
        caller.Require(Scopes.Contents, caller.Self);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var assignment = CourseLibrary.Assignment(course, assignmentId);
        if (notebook.LongLength > options.SubmissionMaxBytes)
        {
            throw TooLarge(notebook.LongLength);
        }

        var enrolment = await db.Enrolments.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == caller.UserId && e.CourseSlug == slug, cancellationToken).ConfigureAwait(false)
            ?? throw new HubApiException(StatusCodes.Status403Forbidden, $"You are not enrolled in '{slug}': enrol first (POST /hub/api/courses/{slug}/enrolment, or Enrol on the course page).");

        Notebook submitted;
        try
        {
            submitted = Notebook.Parse(notebook, assignment.Id + ".ipynb");
        }
        catch (NotebookFormatException e)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"The submission is not an nbformat 4 notebook: {e.Message}");
        }

        var source = await Notebook.LoadAsync(CourseLibrary.NotebookPath(course, assignment), cancellationToken).ConfigureAwait(false);
        var problems = SubmissionValidator.Validate(source, submitted);
        if (problems.Count > 0)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "The submission changed cells it must not (restore them from a fresh copy of the assignment): " + string.Join(" ", problems.Select(p => p.Message)));
        }

        var now = Instants.Now(time);
        var policy = options.LatePolicyFor(slug, assignment);
        var due = policy?.DueFor(enrolment.EnrolledAt);
        var daysLate = due is { } at ? LatePolicy.DaysLate(at, now) : 0;
        if (policy is not null && !policy.Accepts(daysLate))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, FormattableString.Invariant(
                $"'{assignment.Title}' was due {due:yyyy-MM-dd HH:mm} UTC; this submission is {daysLate} days late and late submissions are taken up to {policy.AcceptDaysLate} days."));
        }

        var submission = new Submission
        {
            UserId = caller.UserId,
            CourseSlug = slug,
            AssignmentId = assignment.Id,
            SubmittedAt = now,
            Status = SubmissionStatus.Queued,
            DueAt = due,
            DaysLate = daysLate,
            LatePenaltyPercent = policy?.PenaltyFor(daysLate) ?? 0,
        };
        await files.WriteAsync(caller.UserId, submission.Id, notebook, cancellationToken).ConfigureAwait(false);
        db.Submissions.Add(submission);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        queue.Enqueue(submission.Id);
        return SubmissionModel.From(submission, caller.UserName);
    }

    /// <summary>One submission, for its learner or an instructor of theirs; 404 for anyone else.</summary>
    public async Task<SubmissionModel> GetAsync(Caller caller, string slug, string assignmentId, string id, CancellationToken cancellationToken)
    {
        var (submission, owner) = await FindAsync(caller, slug, assignmentId, id, cancellationToken).ConfigureAwait(false);
        return SubmissionModel.From(submission, owner);
    }

    /// <summary>The caller's own submissions of an assignment, newest first.</summary>
    public async Task<IReadOnlyList<SubmissionModel>> ListMineAsync(Caller caller, string slug, string assignmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var assignment = CourseLibrary.Assignment(course, assignmentId);
        var mine = await db.Submissions.AsNoTracking().Where(s => s.UserId == caller.UserId && s.CourseSlug == slug && s.AssignmentId == assignment.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. mine.OrderByDescending(s => s.SubmittedAt).Select(s => SubmissionModel.From(s, caller.UserName))];
    }

    /// <summary>Queues one submission for grading again (needs <c>grades</c> on its learner).</summary>
    public async Task<SubmissionModel> RegradeAsync(Caller caller, string slug, string assignmentId, string id, CancellationToken cancellationToken)
    {
        var (found, owner) = await FindAsync(caller, slug, assignmentId, id, cancellationToken).ConfigureAwait(false);
        if (!await MayGradeAsync(caller, found.UserId, cancellationToken).ConfigureAwait(false))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, "Action is not authorized with current scopes; requires any of [grades]");
        }

        var submission = await db.Submissions.FirstAsync(s => s.Id == found.Id, cancellationToken).ConfigureAwait(false);
        await RequeueAsync([submission], cancellationToken).ConfigureAwait(false);
        return SubmissionModel.From(submission, owner);
    }

    /// <summary>Queues again every submission of an assignment the caller may grade (all for a hub administrator); how many.</summary>
    public async Task<int> RegradeAllAsync(Caller caller, string slug, string assignmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var assignment = CourseLibrary.Assignment(course, assignmentId);
        var query = db.Submissions.Where(s => s.CourseSlug == slug && s.AssignmentId == assignment.Id);
        if (!caller.CanEverywhere(Scopes.Grades))
        {
            var organizations = caller.OrganizationsAllowing(Scopes.Grades);
            if (organizations.Count == 0)
            {
                throw new HubApiException(StatusCodes.Status403Forbidden, "Action is not authorized with current scopes; requires any of [grades]");
            }

            var learners = db.Memberships.Where(m => organizations.Contains(m.Organization!.Slug)).Select(m => m.UserId);
            query = query.Where(s => learners.Contains(s.UserId));
        }

        var submissions = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        await RequeueAsync(submissions, cancellationToken).ConfigureAwait(false);
        return submissions.Count;
    }

    /// <summary>Whether the caller holds <c>grades</c> on the user (through one of the user's organizations, or everywhere).</summary>
    public async Task<bool> MayGradeAsync(Caller caller, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var organizations = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.Organization!.Slug).ToListAsync(cancellationToken).ConfigureAwait(false);
        return caller.Can(Scopes.Grades, new ScopeTarget(user, organizations));
    }

    private async Task RequeueAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        foreach (var submission in submissions)
        {
            submission.Status = SubmissionStatus.Queued;
            submission.Failure = null;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var submission in submissions)
        {
            queue.Enqueue(submission.Id);
        }
    }

    private async Task<(Submission Submission, string Owner)> FindAsync(Caller caller, string slug, string assignmentId, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var course = await library.CourseAsync(slug).ConfigureAwait(false);
        var assignment = CourseLibrary.Assignment(course, assignmentId);
        var found = await db.Submissions.AsNoTracking().Where(s => s.Id == id && s.CourseSlug == slug && s.AssignmentId == assignment.Id)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Submission = s, u.UserName }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var mine = found is not null && found.Submission.UserId == caller.UserId && caller.Can(Scopes.ReadContents, caller.Self);
        if (found is null || !(mine || await MayGradeAsync(caller, found.Submission.UserId, cancellationToken).ConfigureAwait(false)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No submission '{id}' of {slug}/{assignmentId}.");
        }

        return (found.Submission, found.UserName!);
    }

    /// <summary>413 naming the limit.</summary>
    public HubApiException TooLarge(long bytes) => new(StatusCodes.Status413PayloadTooLarge, FormattableString.Invariant(
        $"The submission is {bytes:N0} bytes; the largest this hub takes is {options.SubmissionMaxBytes:N0} bytes (Hub:SubmissionMaxBytes). Clear large outputs and submit again."));
}
