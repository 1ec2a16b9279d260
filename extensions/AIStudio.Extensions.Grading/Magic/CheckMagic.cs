using AIStudio.Courses.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Grading.Magic;

/// <summary><c>#!check [--notebook PATH]</c>: runs the assignment's visible tests here and shows which pass.</summary>
internal static class CheckMagic
{
    public const string Name = "#!check";

    public static void AddTo(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Run the visible tests of this assignment (as saved: save first) in this kernel and show which pass and the points they give. Run your answers first.",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--notebook", "The assignment notebook (default: this session's notebook, or the only assignment in the folder)"));
        kernel.AddDirective<CheckCommand>(directive, async (command, context) =>
        {
            try
            {
                var path = AssignmentCheck.Locate(command.Notebook);
                var report = await AssignmentCheck.RunAsync(context.HandlingKernel, path, context.CancellationToken).ConfigureAwait(false);
                var formatted = new[]
                {
                    new FormattedValue(HtmlFormatter.MimeType, report.ToHtml()),
                    new FormattedValue(PlainTextFormatter.MimeType, report.ToText()),
                };
                context.Publish(new Microsoft.DotNet.Interactive.Events.DisplayedValueProduced(report, command, formatted));
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or NotebookFormatException or IOException)
            {
                context.Fail(command, message: e.Message);
            }
        });
    }
}
