using System.CommandLine;
using AIStudio.Courses.Catalog;
using AIStudio.Courses.Validation;

namespace AIStudio.Cli.Commands;

/// <summary><c>aistudio courses validate [DIR]</c>.</summary>
internal static class CoursesCommands
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The courses folder (with paths.yml and one folder per course).", DefaultValueFactory = _ => "courses" };
        var validate = new Command("validate", "Checks every course.yml, paths.yml and notebook; prints file:line:col: error: message and exits 1 on errors.") { directory };
        validate.SetAction(async (result, cancellationToken) =>
        {
            var problems = await CourseValidator.ValidateAsync(result.GetValue(directory)!, cancellationToken).ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await Console.Out.WriteLineAsync(problem.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            var errors = problems.Count(p => p.Severity == Severity.Error);
            var warnings = problems.Count - errors;
            await Console.Out.WriteLineAsync($"{errors} error(s), {warnings} warning(s).".AsMemory(), cancellationToken).ConfigureAwait(false);
            return errors > 0 ? 1 : 0;
        });
        return new Command("courses", "Course folders and learning paths.") { validate };
    }
}
