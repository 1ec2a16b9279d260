using AIStudio.Extensions.Training.Torch;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Training.Magic;

/// <summary><c>#!device</c>: the device training will use (CUDA when TorchSharp finds a GPU, else the CPU) and what was found.</summary>
internal static class DeviceMagic
{
    public const string Name = "#!device";

    public static void AddTo(Kernel kernel)
    {
        var directive = new KernelActionDirective(Name)
        {
            Description = "Show the device training uses (Device.Best: CUDA when TorchSharp finds a GPU, else the CPU), the GPUs and CPU threads found, and the TorchSharp and libtorch in use.",
        };
        kernel.AddDirective(directive, (command, context) =>
        {
            try
            {
                context.Display(Device.Describe(), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
            }
            catch (LibTorchNotFoundException e)
            {
                context.Fail(command, message: e.Message);
            }

            return Task.CompletedTask;
        });
    }
}
