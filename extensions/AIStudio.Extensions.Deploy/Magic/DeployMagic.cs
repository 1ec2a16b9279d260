using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Deploy.Magic;

/// <summary>
/// <c>#!deploy NAME --onnx PATH [--note TEXT]</c>: publishes an ONNX file as the next version of a deployment of the hub;
/// with <c>--export DIR</c> it writes a self-contained server for self-hosting there instead.
/// </summary>
internal static class DeployMagic
{
    public const string Name = "#!deploy";

    public static void AddTo(Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Publish an ONNX file as the next version of a deployment (a REST endpoint of the hub), or with --export write a server to host yourself. C#: Deploy.Hub.PublishAsync(name, ml, model, data) for an ML.NET model; DeploymentExport.Write(...) to export.",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--name", "The deployment's name: lower-case letters, digits and hyphens") { AllowImplicitName = true, Required = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--onnx", "The ONNX file to publish") { Required = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--note", "A note on this version"));
        directive.Parameters.Add(new KernelDirectiveParameter("--export", "Write a self-contained server (ASP.NET Core project, Dockerfile, Kubernetes manifest) into this new folder instead of publishing to the hub"));
        kernel.AddDirective<DeployCommand>(directive, async (command, context) =>
        {
            try
            {
                if (command.Export is { Length: > 0 } export)
                {
                    KernelInvocationContextExtensions.Display(context, Export.DeploymentExport.Write(command.Name, command.Onnx, export).ToText(), PlainTextFormatter.MimeType);
                    return;
                }

                var deployment = await Deploy.Hub.PublishOnnxAsync(command.Name, command.Onnx, command.Note, context.CancellationToken).ConfigureAwait(false);
                context.Display(deployment, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
            }
            catch (Exception e) when (e is DeployException or InvalidOperationException or FileNotFoundException or HttpRequestException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                context.Fail(command, message: e.Message);
            }
        });
    }
}
