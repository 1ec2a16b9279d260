using AIStudio.Courses.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Grading.Magic;

/// <summary><c>#!submit</c>: sends the saved assignment notebook to the hub for grading and shows the submission, then its grade.</summary>
internal static class SubmitMagic
{
    public const string Name = "#!submit";

    public static void AddTo(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Submit this assignment (as saved: save first) to the AI Studio hub for grading, and show the score and feedback when it is graded.",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--notebook", "The assignment notebook (default: this session's notebook, or the only assignment in the folder)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--course", "The course's slug (default: from the notebook)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--assignment", "The assignment's id (default: from the notebook)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--wait", "Seconds to wait for the grade (default 60; 0: do not wait)"));
        kernel.AddDirective<SubmitCommand>(directive, async (command, context) =>
        {
            try
            {
                var path = AssignmentCheck.Locate(command.Notebook);
                var bytes = await File.ReadAllBytesAsync(path, context.CancellationToken).ConfigureAwait(false);
                var (course, assignment) = AssignmentSubmission.Target(Notebook.Parse(bytes, path), command.Course, command.Assignment);
                using var hub = AssignmentSubmission.FromEnvironment();
                var submission = await hub.SubmitAsync(course, assignment, bytes, context.CancellationToken).ConfigureAwait(false);
                var display = context.Display(Formatted(submission));
                var wait = TimeSpan.FromSeconds(Math.Clamp(command.Wait ?? 60, 0, 600));
                if (wait > TimeSpan.Zero)
                {
                    submission = await hub.FollowAsync(submission, wait, context.CancellationToken).ConfigureAwait(false);
                    display.Update(Formatted(submission));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or NotebookFormatException or IOException or HttpRequestException or TaskCanceledException)
            {
                context.Fail(command, message: e.Message);
            }
        });
    }

    private static SubmissionDisplay Formatted(System.Text.Json.JsonElement submission) => new(submission);

    /// <summary>What the cell shows: HTML and plain text of the submission.</summary>
    private sealed class SubmissionDisplay
    {
        static SubmissionDisplay()
        {
            Formatter.Register<SubmissionDisplay>((value, writer) => writer.Write(SubmissionView.ToHtml(value.Submission)), HtmlFormatter.MimeType);
            Formatter.Register<SubmissionDisplay>((value, writer) => writer.Write(value.ToString()), PlainTextFormatter.MimeType);
        }

        public SubmissionDisplay(System.Text.Json.JsonElement submission)
        {
            Submission = submission;
        }

        public System.Text.Json.JsonElement Submission { get; }

        public override string ToString() => SubmissionView.ToText(Submission);
    }
}
