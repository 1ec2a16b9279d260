// aistudio: the command-line face of the course and grading libraries; every command is a thin call into them.
using System.CommandLine;
using AIStudio.Cli.Commands;

var root = new RootCommand("AI Studio: courses, graded assignments and certificates.")
{
    CoursesCommands.Create(),
    AssignmentCommands.Create(),
    CertificatesCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
