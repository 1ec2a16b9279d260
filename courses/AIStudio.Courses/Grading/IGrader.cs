namespace AIStudio.Courses.Grading;

/// <summary>Grades one submission (DESIGN §9: the plug-in point where the hub passes its sandboxed launcher).</summary>
public interface IGrader
{
    /// <summary>
    /// Grades a submission and returns its report; a submission that times out, runs out of memory or crashes its kernel
    /// still gets a report. Throws only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<GradingReport> GradeAsync(GradingRequest request, CancellationToken cancellationToken = default);
}
