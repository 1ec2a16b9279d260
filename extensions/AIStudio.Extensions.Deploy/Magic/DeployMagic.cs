using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Deploy.Magic;

/// <summary>
/// <c>#!deploy NAME --onnx PATH [--note TEXT]</c>: publishes an ONNX file as the next version of a deployment of the hub;
/// with <c>--export DIR</c> it writes a self-contained server for self-hosting there instead. <c>#!deploy NAME --function
/// [--note TEXT]</c> publishes the rest of the cell, a C# function (a public static <c>Predict</c>), as the next version;
/// that code is the deployment's, not the notebook's: it is not run here.
/// </summary>
internal static class DeployMagic
{
    public const string Name = "#!deploy";

    private static readonly ConditionalWeakTable<KernelCommand, object> FunctionCells = [];

    public static void AddTo(Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Publish an ONNX file (--onnx PATH) or the rest of the cell as a C# function (--function: a public static Predict(input) returning the output) as the next version of a deployment (a REST endpoint of the hub), or with --export write a server to host yourself. C#: Deploy.Hub.PublishAsync(name, ml, model, data) for an ML.NET model, Deploy.Hub.PublishFunctionAsync(name, source); DeploymentExport.Write(...) to export.",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--name", "The deployment's name: lower-case letters, digits and hyphens") { AllowImplicitName = true, Required = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--onnx", "The ONNX file to publish"));
        directive.Parameters.Add(new KernelDirectiveParameter("--function", "Publish the rest of the cell, a C# function with a public static Predict method, instead of a model") { Flag = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--note", "A note on this version"));
        directive.Parameters.Add(new KernelDirectiveParameter("--export", "Write a self-contained server (ASP.NET Core project, Dockerfile, Kubernetes manifest) into this new folder instead of publishing to the hub"));
        kernel.AddDirective<DeployCommand>(directive, async (command, context) =>
        {
            var cell = CellOf(command);
            if (command.Function && cell is not null)
            {
                FunctionCells.AddOrUpdate(cell, new object());
            }

            try
            {
                var deployment = command switch
                {
                    { Function: true, Onnx.Length: > 0 } or { Function: true, Export: not null } =>
                        throw new ArgumentException("--function publishes the cell's C# code: give it without --onnx or --export."),
                    { Function: true } => await Deploy.Hub.PublishFunctionAsync(command.Name, SourceIn(cell?.Code ?? "") is { Length: > 0 } source
                        ? source
                        : throw new ArgumentException($"Write the function on the lines after #!deploy {command.Name} --function: a public static Predict(input) returning the output."),
                        command.Note, context.CancellationToken).ConfigureAwait(false),
                    { Onnx.Length: 0 } => throw new ArgumentException($"Say what to publish: #!deploy {command.Name} --onnx PATH, or --function with the C# source on the next lines."),
                    { Export: { Length: > 0 } export } => Exported(context, command, export),
                    _ => await Deploy.Hub.PublishOnnxAsync(command.Name, command.Onnx, command.Note, context.CancellationToken).ConfigureAwait(false),
                };
                if (deployment is not null)
                {
                    context.Display(deployment, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
                }
            }
            catch (Exception e) when (e is DeployException or InvalidOperationException or FileNotFoundException or HttpRequestException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                context.Fail(command, message: e.Message);
            }
        });
    }

    /// <summary>Middleware for the notebook's language kernels: the function after <c>#!deploy … --function</c> is not run here.</summary>
    public static Task SkipFunctionSourceAsync(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next) =>
        command is SubmitCode && CellOf(command) is { } cell && cell != command && FunctionCells.TryGetValue(cell, out _)
            ? Task.CompletedTask
            : next(command, context);

    /// <summary>The cell's text without its magic lines.</summary>
    internal static string SourceIn(string cell) =>
        string.Join('\n', cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(line => !line.TrimStart().StartsWith("#!", StringComparison.Ordinal))).Trim();

    private static Deployment? Exported(KernelInvocationContext context, DeployCommand command, string export)
    {
        KernelInvocationContextExtensions.Display(context, Export.DeploymentExport.Write(command.Name, command.Onnx, export).ToText(), PlainTextFormatter.MimeType);
        return null;
    }

    /// <summary>The cell's own submission: the outermost <see cref="SubmitCode"/> this command came from.</summary>
    private static SubmitCode? CellOf(KernelCommand command)
    {
        SubmitCode? cell = null;
        for (var c = command; c is not null; c = c.Parent)
        {
            if (c is SubmitCode submit)
            {
                cell = submit;
            }
        }

        return cell;
    }
}
