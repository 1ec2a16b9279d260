using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Deploy.Magic;

/// <summary><c>#!deploy NAME --onnx PATH [--note TEXT]</c>: publishes an ONNX file as the next version of a deployment of the hub.</summary>
internal static class DeployMagic
{
    public const string Name = "#!deploy";

    public static void AddTo(Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Publish an ONNX file as the next version of a deployment (a REST endpoint of the hub). C#: Deploy.Hub.PublishAsync(name, ml, model, data) for an ML.NET model.",
        };
        directive.Parameters.Add(new KernelDirectiveParameter("--name", "The deployment's name: lower-case letters, digits and hyphens") { AllowImplicitName = true, Required = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--onnx", "The ONNX file to publish") { Required = true });
        directive.Parameters.Add(new KernelDirectiveParameter("--note", "A note on this version"));
        kernel.AddDirective<DeployCommand>(directive, async (command, context) =>
        {
            try
            {
                var deployment = await Deploy.Hub.PublishOnnxAsync(command.Name, command.Onnx, command.Note, context.CancellationToken).ConfigureAwait(false);
                context.Display(deployment, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
            }
            catch (Exception e) when (e is DeployException or InvalidOperationException or FileNotFoundException or HttpRequestException)
            {
                context.Fail(command, message: e.Message);
            }
        });
    }
}
