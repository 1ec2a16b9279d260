using System.Threading.Channels;

namespace AIStudio.Hub.Courses;

/// <summary>
/// Submissions waiting to be graded, by id. The backlog holds ids only: every submission is in the database (status
/// <see cref="SubmissionStatus.Queued"/>) before it is queued, so one queued when the hub stops is queued again at start.
/// </summary>
public sealed class GradingBacklog
{
    private readonly Channel<string> _ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(string submissionId) => _ids.Writer.TryWrite(submissionId);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _ids.Reader.ReadAllAsync(cancellationToken);
}
